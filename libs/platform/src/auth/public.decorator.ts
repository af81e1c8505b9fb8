import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'adminduk:public';

/** The endpoint needs no authentication (health, metrics, docs, public deed verification). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
