/** Authenticates every request and checks the endpoint's roles; deny by default. */
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { currentContext } from '../context/request-context';
import { Problem } from '../errors/problem';
import { Authenticator } from './authenticator';
import { hasRole, type Principal, type Role } from './principal';
import { IDENTIFIES_CALLER, IS_PUBLIC } from './public.decorator';
import { ROLES_KEY } from './roles.decorator';
import { requireQueryFields } from './fields';
import { requireScope, SCOPE_KEY } from './scopes';

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) {
      // PublicOrSignedIn: credentials sent to a public endpoint are checked, and recognise the caller.
      const { authorization, 'x-api-key': apiKey } = request.headers;
      if (this.reflector.getAllAndOverride<boolean>(IDENTIFIES_CALLER, targets) && (authorization !== undefined || apiKey !== undefined)) {
        const caller = await this.authenticator.authenticate(request.headers);
        this.recognise(request, caller);
        this.authenticator.requireAgreementInForce(caller);
      }
      return true;
    }
    const principal = await this.authenticator.authenticate(request.headers);
    this.recognise(request, principal);
    // An expired agreement stops its key before anything else is checked or read.
    this.authenticator.requireAgreementInForce(principal);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles || !hasRole(principal, ...roles)) {
      throw Problem.forbidden('ROLE_NOT_ALLOWED', `this endpoint is for ${roles?.join(', ') || 'nobody'}; you are ${principal.roles.join(', ') || 'without a role'}`);
    }
    requireScope(principal, this.reflector.getAllAndOverride<string | undefined>(SCOPE_KEY, targets));
    // A key granted `fields` searches only by those fields (its answers are narrowed by the FieldsInterceptor).
    requireQueryFields(principal, request.query);
    return true;
  }

  private recognise(request: { principal?: Principal }, principal: Principal): void {
    request.principal = principal;
    const store = currentContext();
    if (store) store.principal = principal;
  }
}
