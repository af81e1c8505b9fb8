/** identity.rpc.family-card.by-number.v1: the request was checked against the contract by the platform's RpcServer. */
import { Injectable } from '@nestjs/common';
import { SUBJECTS, type FamilyCardByNumberReply, type FamilyCardByNumberRequest } from '@adminduk/contracts';
import { ServeRpc } from '@adminduk/platform';
import { FamilyCardLookupService } from './family-card-lookup.service';

@Injectable()
export class FamilyCardByNumberHandler {
  constructor(private readonly lookup: FamilyCardLookupService) {}

  @ServeRpc(SUBJECTS.identityRpc.familyCardByNumber)
  familyCardByNumber(request: FamilyCardByNumberRequest): Promise<FamilyCardByNumberReply> {
    return this.lookup.byKkNumber(request.kkNumber);
  }
}
