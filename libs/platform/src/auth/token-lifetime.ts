/**
 * A bearer token's lifetime (issue 16): a token must say when it expires (`exp`), and may live at most
 * TOKEN_MAX_LIFETIME_SECONDS (12 hours by default), so that a stolen or leaked token cannot open the register
 * for a century. Checked after the signature, for the HS256 / PEM tokens and the OpenID Connect provider's alike:
 * a token whose signature is wrong is a plain UNAUTHENTICATED, whatever it claims.
 *
 * The lifetime is measured from the earlier of `iat` and now: `exp − iat` for a token that says when it was
 * issued, `exp − now` for one that does not; an `iat` in the future counts as now, so it cannot shorten it.
 */
import type { JWTPayload } from 'jose';
import { ProblemException } from '../errors/problem';

export function checkTokenLifetime(payload: JWTPayload, maxSeconds: number, nowSeconds = Math.floor(Date.now() / 1000)): void {
  const { exp, iat } = payload;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) {
    throw new ProblemException(401, 'TOKEN_EXPIRY_REQUIRED', 'Not authenticated', 'the bearer token has no expiry (exp): sign in again to get a token that expires');
  }
  const from = typeof iat === 'number' && Number.isFinite(iat) ? Math.min(iat, nowSeconds) : nowSeconds;
  if (exp - from > maxSeconds) {
    throw new ProblemException(
      401,
      'TOKEN_LIFETIME_TOO_LONG',
      'Not authenticated',
      `the bearer token lives longer than the ${maxSeconds} seconds this service accepts (TOKEN_MAX_LIFETIME_SECONDS): get a shorter-lived token`,
    );
  }
}
