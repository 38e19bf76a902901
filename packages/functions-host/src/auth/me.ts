// `/.auth/me`: who is signed in, in the Static Web Apps shape `{ clientPrincipal }` (null when
// nobody is), which is what the Static Web Apps CLI answers locally.
import { staticWebAppsPrincipal } from './client-principal';
import type { LocalUser } from './local-user';
import type { AuthReply } from './reply';
import { json } from './reply';

export function me(user: LocalUser | undefined): AuthReply {
  return json(200, { clientPrincipal: user ? staticWebAppsPrincipal(user) : null });
}
