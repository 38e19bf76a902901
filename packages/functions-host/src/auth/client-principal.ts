// What App Service Authentication tells the app about a signed-in user: the `x-ms-client-principal*`
// request headers (base64 JSON with claims, plus id, name and provider), and the Static Web Apps
// shape of `/.auth/me`. https://learn.microsoft.com/azure/app-service/configure-authentication-user-identities
import type { LocalUser } from './local-user';

export const PRINCIPAL_HEADER = 'x-ms-client-principal';
const PRINCIPAL_HEADER_PREFIX = 'x-ms-client-principal';

const NAME_CLAIM = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name';
const NAME_ID_CLAIM = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier';
const ROLE_CLAIM = 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role';
const OBJECT_ID_CLAIM = 'http://schemas.microsoft.com/identity/claims/objectidentifier';

export interface Claim {
  typ: string;
  val: string;
}

export interface ClientPrincipal {
  auth_typ: string;
  name_typ: string;
  role_typ: string;
  claims: Claim[];
}

export function claimsOf(user: LocalUser): Claim[] {
  // Microsoft Entra ID tokens carry the object id, `name`, `preferred_username` and `roles`; other
  // providers come through with the standard claim types.
  const aad = user.provider === 'aad';
  const claims: Claim[] = aad
    ? [
        { typ: OBJECT_ID_CLAIM, val: user.userId },
        { typ: NAME_ID_CLAIM, val: user.userId },
        { typ: 'name', val: user.name },
        { typ: 'preferred_username', val: user.name },
      ]
    : [
        { typ: NAME_ID_CLAIM, val: user.userId },
        { typ: NAME_CLAIM, val: user.name },
      ];
  for (const role of user.roles) claims.push({ typ: aad ? 'roles' : ROLE_CLAIM, val: role });
  return claims;
}

export function clientPrincipal(user: LocalUser): ClientPrincipal {
  return {
    auth_typ: user.provider,
    name_typ: NAME_CLAIM,
    role_typ: ROLE_CLAIM,
    claims: claimsOf(user),
  };
}

/** The four headers App Service adds to every request of a signed-in user. */
export function principalHeaders(user: LocalUser): Record<string, string> {
  return {
    [PRINCIPAL_HEADER]: Buffer.from(JSON.stringify(clientPrincipal(user)), 'utf8').toString(
      'base64',
    ),
    [`${PRINCIPAL_HEADER}-id`]: user.userId,
    [`${PRINCIPAL_HEADER}-name`]: user.name,
    [`${PRINCIPAL_HEADER}-idp`]: user.provider,
  };
}

/** Like App Service: what the client sent under these names is dropped, whoever is signed in. */
export function isPrincipalHeader(name: string): boolean {
  return name.toLowerCase().startsWith(PRINCIPAL_HEADER_PREFIX);
}

/** `/.auth/me` as the Static Web Apps CLI answers it. */
export function staticWebAppsPrincipal(user: LocalUser) {
  return {
    identityProvider: user.provider,
    userId: user.userId,
    userDetails: user.name,
    userRoles: ['anonymous', 'authenticated', ...user.roles],
    claims: claimsOf(user),
  };
}
