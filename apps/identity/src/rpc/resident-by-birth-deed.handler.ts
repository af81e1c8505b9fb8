/** identity.rpc.resident.by-birth-deed.v1: the request was checked against the contract by the platform's RpcServer. */
import { Injectable } from '@nestjs/common';
import { SUBJECTS, type ResidentByBirthDeedReply, type ResidentByBirthDeedRequest } from '@adminduk/contracts';
import { ServeRpc } from '@adminduk/platform';
import { ResidentLookupService } from './resident-lookup.service';

@Injectable()
export class ResidentByBirthDeedHandler {
  constructor(private readonly lookup: ResidentLookupService) {}

  @ServeRpc(SUBJECTS.identityRpc.residentByBirthDeed)
  residentByBirthDeed(request: ResidentByBirthDeedRequest): Promise<ResidentByBirthDeedReply> {
    return this.lookup.byBirthDeed(request.deedId);
  }
}
