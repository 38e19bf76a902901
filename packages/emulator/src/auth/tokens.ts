// Verifies client and REST access tokens (HS256, keyed with the UTF-8 bytes of the access key)
// and signs client tokens for `:generateToken`.
import type { KeyObject } from 'node:crypto';
import { createSecretKey } from 'node:crypto';

import { CLAIMS, clientTokenAudience } from '@wps-local/wire';
import jwt from 'jsonwebtoken';

import { unauthorized } from '../errors';
import type { KnownOrigin } from './audience';
import { audienceMatches } from './audience';

/**
 * HMAC keys as KeyObjects, made once per access key: given a string, jsonwebtoken first tries to
 * parse it as a public key, which made every verification ~30× slower.
 */
const secretKeys = new Map<string, KeyObject>();
function secretKey(accessKey: string): KeyObject {
  let key = secretKeys.get(accessKey);
  if (!key) secretKeys.set(accessKey, (key = createSecretKey(Buffer.from(accessKey, 'utf8'))));
  return key;
}

/** The service tolerates small clock differences between signer and verifier. */
const CLOCK_TOLERANCE_SECONDS = 300;

export type TokenClaims = jwt.JwtPayload;

/**
 * Checks signature, algorithm, `exp` (required) and `nbf`; the audience must name `expectedPath`
 * on this emulator. Throws a 401 EmulatorError saying what is wrong, never the token itself.
 */
export function verifyToken(
  token: string,
  accessKey: string,
  expectedPath: string,
  origin: KnownOrigin,
  requestHost: string | undefined,
): TokenClaims {
  const claims = verifiedClaims(token, accessKey);
  if (!audienceMatches(claims.aud, expectedPath, origin, requestHost)) {
    throw unauthorized(`Invalid access token: the audience does not match ${expectedPath}.`);
  }
  return claims;
}

/**
 * Verified signatures, by token: the SDKs sign tokens with second precision, so a busy caller
 * sends the same token many times a second. Lifetimes are still checked on every use.
 */
const verified = new Map<string, { accessKey: string; claims: TokenClaims }>();
const MAX_VERIFIED = 1024;

function verifiedClaims(token: string, accessKey: string): TokenClaims {
  const hit = verified.get(token);
  const now = Date.now() / 1000;
  if (hit && hit.accessKey === accessKey) {
    const { exp, nbf } = hit.claims;
    if (
      exp! + CLOCK_TOLERANCE_SECONDS > now &&
      (nbf === undefined || nbf - CLOCK_TOLERANCE_SECONDS <= now)
    ) {
      return hit.claims;
    }
    verified.delete(token);
  }
  let claims: string | jwt.JwtPayload;
  try {
    claims = jwt.verify(token, secretKey(accessKey), {
      algorithms: ['HS256'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    });
  } catch (err) {
    throw unauthorized(`Invalid access token: ${describeJwtError(err)}.`);
  }
  if (typeof claims === 'string' || claims.exp === undefined) {
    throw unauthorized('Invalid access token: the exp claim is required.');
  }
  if (verified.size >= MAX_VERIFIED) verified.delete(verified.keys().next().value!);
  verified.set(token, { accessKey, claims });
  return claims;
}

function describeJwtError(err: unknown): string {
  if (err instanceof jwt.TokenExpiredError) return 'the token has expired';
  if (err instanceof jwt.NotBeforeError) return 'the token is not valid yet';
  if (err instanceof jwt.JsonWebTokenError) return err.message;
  return 'the token could not be verified';
}

/** A claim as a list of strings: the SDKs write arrays, other signers single values. */
export function claimValues(claims: TokenClaims, name: string): string[] {
  const v: unknown = claims[name];
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map((x) => (typeof x === 'string' ? x : JSON.stringify(x)));
}

export interface ClientTokenOptions {
  endpoint: string;
  hub: string;
  userId?: string;
  roles?: string[];
  groups?: string[];
  minutesToExpire?: number;
  /** `clients/mqtt/hubs/{hub}` audience for MQTT clients. */
  mqtt?: boolean;
}

export function signClientToken(accessKey: string, options: ClientTokenOptions): string {
  const base = clientTokenAudience(options.endpoint, options.hub);
  const audience = options.mqtt ? base.replace('/client/hubs/', '/clients/mqtt/hubs/') : base;
  const payload: Record<string, unknown> = {};
  // Set `sub` directly: an empty user id is valid for the service, jsonwebtoken's option is not.
  if (options.userId !== undefined) payload[CLAIMS.userId] = options.userId;
  if (options.roles?.length) payload[CLAIMS.role] = options.roles;
  if (options.groups?.length) payload[CLAIMS.group] = options.groups;
  return jwt.sign(payload, secretKey(accessKey), {
    algorithm: 'HS256',
    audience,
    expiresIn: `${Math.max(1, options.minutesToExpire ?? 60)}m`,
  });
}
