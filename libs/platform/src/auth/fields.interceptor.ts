/**
 * Narrows every answer to a key granted `fields` (auth/fields.ts), in one place for every endpoint of every service:
 * registered globally by PlatformModule, so that an endpoint added later cannot forget it. Answers to people and to
 * keys without `fields` pass untouched. The query parameters are checked by the AuthGuard, before anything is read.
 */
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { map, type Observable } from 'rxjs';
import { projectFields } from './fields';
import type { Principal } from './principal';

@Injectable()
export class FieldsInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const fields = context.switchToHttp().getRequest<{ principal?: Principal }>().principal?.fields;
    if (!fields) return next.handle();
    return next.handle().pipe(map((body: unknown) => projectFields(body, fields)));
  }
}
