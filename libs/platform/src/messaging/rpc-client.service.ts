/**
 * Asks another service over NATS request/reply, with the contracts' schemas on both sides:
 *
 *     const reply = await this.rpc.request(SUBJECTS.identityRpc.residentByNik, { nik }, 2_000);
 *     if (!reply.ok) … reply.code: NATS_UNAVAILABLE, TIMEOUT, INVALID_REQUEST, INVALID_REPLY, INTERNAL_ERROR or the responder's own code
 *     else … reply.value: ResidentByNikReply
 *
 * It never throws for a failure of the network or of the other service: the caller decides (answer 503, retry
 * later, or go on without). The current request id travels in the x-request-id header.
 */
import { Injectable } from '@nestjs/common';
import { ErrorCode, headers as natsHeaders, type Msg, type NatsError } from 'nats';
import { HEADER_REQUEST_ID, RPC_SCHEMAS, type RpcContractSubject, type RpcReplies, type RpcReply, type RpcRequests } from '@adminduk/contracts';
import { currentContext } from '../context/request-context';
import { NatsService } from '../nats/nats.service';

const decoder = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

@Injectable()
export class RpcClient {
  constructor(private readonly nats: NatsService) {}

  async request<S extends RpcContractSubject>(subject: S, payload: RpcRequests[S], timeoutMs = 2_000): Promise<RpcReply<RpcReplies[S]>> {
    const schemas = RPC_SCHEMAS[subject];
    const request = schemas.request.parse(payload, 'request');
    if (!request.ok) return { ok: false, code: 'INVALID_REQUEST', message: `the request does not match the contract of ${subject}`, errors: request.errors };
    const nc = this.nats.enabled ? this.nats.current() : undefined;
    if (!nc || !this.nats.isConnected()) return { ok: false, code: 'NATS_UNAVAILABLE', message: `not connected to NATS: cannot ask ${subject}` };
    const h = natsHeaders();
    const requestId = currentContext()?.requestId;
    if (requestId) h.set(HEADER_REQUEST_ID, requestId);
    let msg: Msg;
    try {
      msg = await nc.request(this.nats.subject(subject), encoder.encode(JSON.stringify(request.value)), { timeout: timeoutMs, headers: h });
    } catch (error) {
      const code = (error as NatsError)?.code;
      if (code === ErrorCode.Timeout) return { ok: false, code: 'TIMEOUT', message: `no reply to ${subject} within ${timeoutMs} ms` };
      if (code === ErrorCode.NoResponders) return { ok: false, code: 'NATS_UNAVAILABLE', message: `no instance serves ${subject}` };
      return { ok: false, code: 'NATS_UNAVAILABLE', message: `the request to ${subject} failed: ${(error as Error)?.message}` };
    }
    return readReply(subject, msg.data);
  }
}

function readReply<S extends RpcContractSubject>(subject: S, data: Uint8Array): RpcReply<RpcReplies[S]> {
  const invalid = (why: string): RpcReply<never> => ({ ok: false, code: 'INVALID_REPLY', message: `the reply to ${subject} ${why}` });
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(data));
  } catch {
    return invalid('is not JSON');
  }
  if (typeof json !== 'object' || json === null) return invalid('is not an object');
  const reply = json as Record<string, unknown>;
  if (reply.ok === true) {
    const value = RPC_SCHEMAS[subject].reply.parse(reply.value, 'reply');
    if (!value.ok) return { ok: false, code: 'INVALID_REPLY', message: `the reply to ${subject} breaks its contract`, errors: value.errors };
    return { ok: true, value: value.value as RpcReplies[S] };
  }
  if (reply.ok === false && typeof reply.code === 'string' && typeof reply.message === 'string') {
    const errors = Array.isArray(reply.errors) ? (reply.errors as unknown[]).filter(isErrorItem) : [];
    return { ok: false, code: reply.code, message: reply.message, ...(errors.length > 0 ? { errors } : {}) };
  }
  return invalid('is neither { ok: true, value } nor { ok: false, code, message }');
}

function isErrorItem(item: unknown): item is { path?: string; code?: string; message: string } {
  return typeof item === 'object' && item !== null && typeof (item as { message?: unknown }).message === 'string';
}
