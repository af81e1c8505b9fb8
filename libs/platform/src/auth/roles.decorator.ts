import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Principal, Role } from './principal';

export const ROLES_KEY = 'adminduk:roles';

/**
 * The roles that may call an endpoint (admin always may). Every endpoint declares its roles or is @Public():
 * an endpoint with neither is refused to everyone (deny by default).
 */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

/** The authenticated caller. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
  return request.principal as Principal;
});
