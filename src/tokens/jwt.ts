/**
 * Minting and verifying the JWT inside a bearer token. Verification pins everything
 * (RFC 8725 §3): the algorithm (ES256 only; "none" and HMAC confusion are impossible), the
 * key (by kid, from the gateway's own ring), issuer, audience, the "typ" header, and the
 * presence of jti/sub/iat/exp. The JWT proves who minted it; the database decides whether
 * it is still good (inbound/load-grant.ts).
 */
import { SignJWT, jwtVerify, errors, type JWTPayload, type ProtectedHeaderParameters } from 'jose';
import { InvalidToken } from '../lib/errors';
import type { Clock } from '../lib/clock';
import { TOKEN_ALG, type SigningKey, type VerificationKeys } from './signing-keys';

export const TOKEN_TYP = 'bgw+jwt';

export interface TokenClaims {
  /** The token record id. */
  readonly sub: string;
  /** The token's current credential id (changes on rotation). */
  readonly jti: string;
  readonly exp: number;
}

export interface JwtSettings {
  readonly issuer: string;
  readonly audience: string;
}

export async function mintJwt(
  key: SigningKey,
  settings: JwtSettings,
  claims: TokenClaims,
  now: number,
): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: TOKEN_ALG, typ: TOKEN_TYP, kid: key.kid })
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setSubject(claims.sub)
    .setJti(claims.jti)
    .setIssuedAt(Math.floor(now / 1000))
    .setExpirationTime(claims.exp)
    .sign(key.privateKey);
}

export async function verifyJwt(
  jwt: string,
  keys: VerificationKeys,
  settings: JwtSettings,
  clock: Clock,
): Promise<TokenClaims> {
  try {
    const { payload } = await jwtVerify(
      jwt,
      (header: ProtectedHeaderParameters) => {
        const key = header.kid === undefined ? undefined : keys.get(header.kid);
        if (!key) throw new InvalidToken('token_invalid', 'The token was not signed by this gateway.');
        return key;
      },
      {
        algorithms: [TOKEN_ALG],
        issuer: settings.issuer,
        audience: settings.audience,
        typ: TOKEN_TYP,
        requiredClaims: ['jti', 'sub', 'iat', 'exp'],
        currentDate: new Date(clock.now()),
      },
    );
    return toClaims(payload);
  } catch (err) {
    if (err instanceof InvalidToken) throw err;
    if (err instanceof errors.JWTExpired) throw new InvalidToken('token_expired', 'The token has expired.');
    throw new InvalidToken('token_invalid', 'The token is not valid.');
  }
}

function toClaims(payload: JWTPayload): TokenClaims {
  const { sub, jti, exp } = payload;
  if (typeof sub !== 'string' || typeof jti !== 'string' || typeof exp !== 'number') {
    throw new InvalidToken('token_invalid', 'The token is not valid.');
  }
  return { sub, jti, exp };
}
