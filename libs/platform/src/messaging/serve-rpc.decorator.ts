/**
 * Declares a responder for a request/reply subject (NATS core, queue group = the service's name, so its
 * instances share the load).
 *
 *     @Injectable()
 *     export class ResidentByNikHandler {
 *       @ServeRpc(SUBJECTS.identityRpc.residentByNik)
 *       residentByNik(request: ResidentByNikRequest): Promise<ResidentByNikReply> { … }
 *     }
 *
 * The request has been checked against the contracts' RPC_SCHEMAS; the method returns the reply value, or throws
 * a ProblemException whose code becomes the reply's `code` (any other error is answered INTERNAL_ERROR and logged).
 */
import { SetMetadata } from '@nestjs/common';
import type { RpcContractSubject, RpcReplies, RpcRequests } from '@adminduk/contracts';

export type RpcHandlerMethod<S extends RpcContractSubject> = (request: RpcRequests[S]) => Promise<RpcReplies[S]>;

export interface ServeRpcMetadata {
  readonly subject: RpcContractSubject;
}

export const SERVE_RPC = Symbol('adminduk:serve-rpc');

export function ServeRpc<S extends RpcContractSubject>(subject: S) {
  return (target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<RpcHandlerMethod<S>>): void => {
    SetMetadata<symbol, ServeRpcMetadata>(SERVE_RPC, { subject })(target, key, descriptor);
  };
}
