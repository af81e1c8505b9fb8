/** identity.rpc.resident.by-nik.v1: the request was checked against the contract by the platform's RpcServer. */
import { Injectable } from '@nestjs/common';
import { SUBJECTS, type ResidentByNikReply, type ResidentByNikRequest } from '@adminduk/contracts';
import { ServeRpc } from '@adminduk/platform';
import { ResidentLookupService } from './resident-lookup.service';

@Injectable()
export class ResidentByNikHandler {
  constructor(private readonly lookup: ResidentLookupService) {}

  @ServeRpc(SUBJECTS.identityRpc.residentByNik)
  residentByNik(request: ResidentByNikRequest): Promise<ResidentByNikReply> {
    return this.lookup.byNik(request.nik);
  }
}
