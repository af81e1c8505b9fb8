/** Family cards (Kartu Keluarga) of the identity service. Its entities are listed in identity.database.ts. */
import { Module } from '@nestjs/common';
import { FamilyCardsController } from './family-cards.controller';
import { FamilyCardsService } from './family-cards.service';

@Module({
  controllers: [FamilyCardsController],
  providers: [FamilyCardsService],
})
export class FamilyCardsModule {}
