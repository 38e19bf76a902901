// The signed-in user as App Service Authentication describes them: `x-ms-client-principal` (base64
// JSON with claims) and the `-id`, `-name`, `-idp` headers. Trusted only behind App Service Auth,
// which strips these headers from incoming requests.

export interface Principal {
  userId: string;
  name: string;
  identityProvider: string;
  roles: string[];
}

interface ClientPrincipal {
  auth_typ?: string;
  name_typ?: string;
  role_typ?: string;
  claims?: { typ: string; val: string }[];
  // Static Web Apps' shape, which the local sign-in also understands.
  userRoles?: string[];
}

const ROLE_CLAIMS = [
  'roles',
  'role',
  'http://schemas.microsoft.com/ws/2008/06/identity/claims/role',
];
const IMPLICIT_ROLES = new Set(['anonymous', 'authenticated']);

type HeaderLookup = (name: string) => string | null | undefined;

export function principalFrom(header: HeaderLookup): Principal | undefined {
  const userId = header('x-ms-client-principal-id');
  if (!userId) return undefined;
  const encoded = decode(header('x-ms-client-principal'));
  const roleType = encoded?.role_typ;
  const roles = new Set<string>(encoded?.userRoles ?? []);
  for (const claim of encoded?.claims ?? []) {
    if (claim.typ === roleType || ROLE_CLAIMS.includes(claim.typ)) roles.add(claim.val);
  }
  for (const implicit of IMPLICIT_ROLES) roles.delete(implicit);
  return {
    userId,
    name: header('x-ms-client-principal-name') || userId,
    identityProvider: header('x-ms-client-principal-idp') || encoded?.auth_typ || 'unknown',
    roles: [...roles].sort(),
  };
}

function decode(value: string | null | undefined): ClientPrincipal | undefined {
  if (!value) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
    return parsed && typeof parsed === 'object' ? parsed : undefined;
  } catch {
    return undefined;
  }
}
