// The hub's event handler is the Function App's Web PubSub webhook and lists exactly the events the
// app's triggers handle: the same system events, the same user events (no `*`), no others. Group
// presence events (`groupPresenceEvents.eventNames`, `joined` / `left`) count as user events: the
// Functions extension reads every CloudEvents type that is not `azure.webpubsub.sys.*` as a user
// event (Microsoft.Azure.WebJobs.Extensions.WebPubSub 1.10.2, Utilities.GetEventType), so they
// need user triggers of those names; and only a hub API version that has the property may set it.
import type { AppFacts } from '../app-facts';
import { alternatives, literalStrings } from '../expressions';
import type { Finding } from '../findings';
import { at, inFile } from '../findings';
import { bodyObject, properties, resources, stringText } from '../model';
import { arrayItems, valuesAt } from '../objects';
import type { BicepFile } from '../parse';
import type { SyntaxNode } from '../syntax';

const RULE = 'hub-events';
export const WEBHOOK_PATH = '/runtime/webhooks/webpubsub';
/**
 * Hub API versions whose EventHandler has `groupPresenceEvents` (checked in Azure/bicep-types-az
 * generated/webpubsub/microsoft.signalrservice/<version>/types.md); 2024-03-01, the GA one, has not.
 */
export const PRESENCE_API_VERSIONS = new Set(['2025-08-01-preview', '2025-12-01-preview']);

export function checkHubEvents(
  events: AppFacts['events'],
  files: BicepFile[],
  reportIn: string,
): Finding[] {
  const findings: Finding[] = [];
  const hubs = files.flatMap((file) =>
    resources(file)
      .filter((r) => r.target?.startsWith('Microsoft.SignalRService/webPubSub/hubs@'))
      .map((r) => ({
        file,
        node: r.node,
        version: r.target?.split('@')[1] ?? '',
        props: properties(properties(bodyObject(r.value)).get('properties')),
      })),
  );
  if (hubs.length === 0)
    return [
      inFile(
        RULE,
        reportIn,
        'no Microsoft.SignalRService/webPubSub/hubs resource: the hub and its event handler are not in Bicep',
      ),
    ];
  for (const { file, node, version, props } of hubs) {
    if (
      literalStrings(file, props.get('anonymousConnectPolicy')).some(
        (p) => p?.toLowerCase() === 'allow',
      )
    ) {
      findings.push(at(RULE, file.path, node, "anonymousConnectPolicy must not be 'allow'"));
    }
    const handlers = alternatives(file, props.get('eventHandlers')).flatMap((a) =>
      a.type === 'array' ? a.namedChildren : [a],
    );
    if (handlers.length === 0)
      findings.push(at(RULE, file.path, node, 'the hub has no event handler'));
    const system = new Set<string>();
    const user = new Set<string>();
    for (const h of handlers) {
      const hp = properties(h);
      if (!urlStrings(file, hp.get('urlTemplate')).some((u) => u.includes(WEBHOOK_PATH))) {
        findings.push(
          at(
            RULE,
            file.path,
            h,
            `the event handler's urlTemplate is not the Function App's ${WEBHOOK_PATH}`,
          ),
        );
      }
      for (const sys of alternatives(file, hp.get('systemEvents')).flatMap((a) =>
        a.type === 'array' ? a.namedChildren : [a],
      )) {
        const name = stringText(sys);
        if (name === undefined)
          findings.push(
            at(RULE, file.path, sys, 'systemEvents must be literal strings to be checked'),
          );
        else system.add(name);
      }
      for (const pattern of literalStrings(file, hp.get('userEventPattern'))) {
        if (pattern === undefined)
          findings.push(
            at(RULE, file.path, h, 'userEventPattern must be a literal string to be checked'),
          );
        else
          for (const e of pattern
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean))
            user.add(e);
      }
      findings.push(...presenceEvents(file, h, version, user));
    }
    findings.push(...compare(file, node, 'system', system, events.system));
    findings.push(...compare(file, node, 'user', user, events.user));
  }
  return findings;
}

/** Adds the handler's presence event names to `user`; reports what the API version cannot set. */
function presenceEvents(
  file: BicepFile,
  handler: SyntaxNode,
  version: string,
  user: Set<string>,
): Finding[] {
  if (!properties(handler).has('groupPresenceEvents')) return [];
  const out: Finding[] = [];
  if (!PRESENCE_API_VERSIONS.has(version)) {
    out.push(
      at(
        RULE,
        file.path,
        handler,
        `groupPresenceEvents is not a property of the hub's API version ${version}; use one of ${[...PRESENCE_API_VERSIONS].join(', ')}`,
      ),
    );
  }
  for (const item of arrayItems(
    file,
    valuesAt(file, handler, 'groupPresenceEvents.eventNames')[0],
  )) {
    const name = stringText(item);
    if (name === undefined)
      out.push(at(RULE, file.path, item, 'groupPresenceEvents names must be literal strings'));
    else user.add(name);
  }
  return out;
}

function compare(
  file: BicepFile,
  node: SyntaxNode,
  kind: string,
  listed: Set<string>,
  handled: string[],
): Finding[] {
  const out: Finding[] = [];
  for (const e of handled)
    if (!listed.has(e))
      out.push(
        at(
          RULE,
          file.path,
          node,
          `the app handles the ${kind} event "${e}" but the hub's event handler does not list it`,
        ),
      );
  for (const e of listed)
    if (!handled.includes(e))
      out.push(
        at(
          RULE,
          file.path,
          node,
          `the hub lists the ${kind} event "${e}" but no trigger handles it (the extension answers 404)`,
        ),
      );
  return out;
}

// The literal text parts of a URL expression (interpolations dropped), through vars and ternaries.
function urlStrings(file: BicepFile, node: SyntaxNode | undefined): string[] {
  return alternatives(file, node).map((n) =>
    n.type === 'string'
      ? n.namedChildren
          .map((c) =>
            c.type === 'interpolation' ? urlStrings(file, c.namedChildren[0]).join('') : c.text,
          )
          .join('')
      : '',
  );
}
