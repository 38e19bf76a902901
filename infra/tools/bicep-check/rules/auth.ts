// App Service Authentication guards /api/negotiate, which trusts the x-ms-client-principal*
// headers: authsettingsV2 is on, requires authentication (401 for callers without a session or
// token, so forged headers alone never reach the function), does not exclude negotiate, excludes
// the Web PubSub webhook (the service calls it with the system key, not a user token), and the
// Entra provider has an explicit defaultAuthorizationPolicy (which client apps' tokens it takes).
import { literalStrings } from '../expressions';
import type { Finding } from '../findings';
import { at, inFile } from '../findings';
import { bodyObject, properties, resources } from '../model';
import { arrayItems, valuesAt } from '../objects';
import type { BicepFile } from '../parse';

const RULE = 'auth';
export const NEGOTIATE_PATH = '/api/negotiate';
export const WEBHOOK_PATH = '/runtime/webhooks/webpubsub';

/** Whether an Easy Auth excluded path (exact, or a prefix ending in `/*`) covers `path`. */
export function excludes(pattern: string, path: string): boolean {
  if (pattern.endsWith('/*'))
    return path === pattern.slice(0, -2) || path.startsWith(pattern.slice(0, -1));
  return pattern === '*' || pattern === path;
}

export function checkAuth(files: BicepFile[], reportIn: string): Finding[] {
  const findings: Finding[] = [];
  const configs = files.flatMap((file) =>
    resources(file)
      .filter((r) => r.target?.startsWith('Microsoft.Web/sites/config@'))
      .map((r) => ({ file, r, body: bodyObject(r.value) }))
      .filter(({ file, body }) =>
        literalStrings(file, properties(body).get('name')).includes('authsettingsV2'),
      ),
  );
  if (configs.length === 0)
    return [
      inFile(
        RULE,
        reportIn,
        'no authsettingsV2: nothing strips forged x-ms-client-principal headers',
      ),
    ];
  for (const { file, r, body } of configs) {
    const say = (message: string) => findings.push(at(RULE, file.path, r.node, message));
    const value = (dotted: string) =>
      valuesAt(file, body, dotted).map((n) =>
        n.type === 'string' ? literalStrings(file, n)[0] : n.text,
      );
    if (
      !value('properties.platform.enabled').every((v) => v === 'true') ||
      value('properties.platform.enabled').length === 0
    )
      say('platform.enabled must be true');
    if (!value('properties.globalValidation.requireAuthentication').includes('true'))
      say(
        'globalValidation.requireAuthentication must be true: with anonymous requests allowed, a request with forged principal headers and no token reaches /api/negotiate wherever Easy Auth does not strip them',
      );
    const action = value('properties.globalValidation.unauthenticatedClientAction');
    if (action.some((a) => a !== 'Return401' && a !== 'Return403'))
      say(
        `unauthenticatedClientAction must be Return401 (an API answers, it does not redirect), not ${action.join(' | ')}`,
      );
    const excluded = valuesAt(file, body, 'properties.globalValidation.excludedPaths').flatMap(
      (n) =>
        n.type === 'array' ? arrayItems(file, n).flatMap((i) => literalStrings(file, i)) : [],
    );
    for (const p of excluded) {
      if (p === undefined) say('excludedPaths must be literal strings to be checked');
      else if (excludes(p, NEGOTIATE_PATH))
        say(`excludedPaths "${p}" lets unauthenticated requests reach ${NEGOTIATE_PATH}`);
    }
    if (!excluded.some((p) => p !== undefined && excludes(p, WEBHOOK_PATH)))
      say(
        `excludedPaths must list ${WEBHOOK_PATH}: Web PubSub calls it with the system key, not a user token`,
      );
    const entra = valuesAt(file, body, 'properties.identityProviders.azureActiveDirectory');
    for (const provider of entra) {
      const apps = valuesAt(
        file,
        provider,
        'validation.defaultAuthorizationPolicy.allowedApplications',
      );
      if (apps.length === 0)
        say(
          "the Entra provider has no validation.defaultAuthorizationPolicy.allowedApplications: say which client applications' bearer tokens are accepted (the registration itself at least)",
        );
    }
  }
  return findings;
}
