// Resource logs reach Log Analytics: every Web PubSub and every Function App has a
// Microsoft.Insights/diagnosticSettings scoped to it with a workspace and the categories one needs
// when a client cannot connect (Web PubSub ConnectivityLogs and MessagingLogs; FunctionAppLogs).
import { literalStrings } from '../expressions';
import type { Finding } from '../findings';
import { at, inFile } from '../findings';
import { bodyObject, properties, resources } from '../model';
import { arrayItems } from '../objects';
import type { BicepFile } from '../parse';

const RULE = 'diagnostics';

/** Categories each resource type must send (a `categoryGroup: 'allLogs'` covers all of them). */
export const REQUIRED_LOGS: Record<string, string[]> = {
  'Microsoft.SignalRService/webPubSub': ['ConnectivityLogs', 'MessagingLogs'],
  'Microsoft.Web/sites': ['FunctionAppLogs'],
};

interface Sent {
  categories: Set<string>;
  workspace: boolean;
}

export function checkDiagnostics(files: BicepFile[], reportIn: string): Finding[] {
  const sent = new Map<string, Sent>();
  for (const file of files) {
    const decls = resources(file);
    for (const d of decls.filter((r) =>
      r.target?.startsWith('Microsoft.Insights/diagnosticSettings@'),
    )) {
      const body = properties(bodyObject(d.value));
      const scope = body.get('scope')?.text;
      const target = decls.find((r) => r.name === scope)?.target?.split('@')[0];
      if (!target) continue;
      const props = properties(body.get('properties'));
      const categories = new Set<string>();
      for (const log of arrayItems(file, props.get('logs'))) {
        const p = properties(log);
        if (p.get('enabled')?.text !== 'true') continue;
        for (const c of literalStrings(file, p.get('category'))) if (c) categories.add(c);
        if (literalStrings(file, p.get('categoryGroup')).includes('allLogs')) categories.add('*');
      }
      const entry = sent.get(target) ?? { categories: new Set<string>(), workspace: false };
      for (const c of categories) entry.categories.add(c);
      entry.workspace ||= props.has('workspaceId');
      sent.set(target, entry);
    }
  }
  const findings: Finding[] = [];
  for (const file of files) {
    for (const r of resources(file)) {
      const type = r.target?.split('@')[0] ?? '';
      const needed = REQUIRED_LOGS[type];
      if (!needed || r.node.children.some((c) => c.type === 'existing')) continue;
      const s = sent.get(type);
      if (!s?.workspace) {
        findings.push(
          at(
            RULE,
            file.path,
            r.node,
            `no diagnostic setting sends ${type}'s logs to a Log Analytics workspace`,
          ),
        );
        continue;
      }
      for (const c of needed.filter((c) => !s.categories.has(c) && !s.categories.has('*'))) {
        findings.push(
          at(RULE, file.path, r.node, `the diagnostic setting of ${type} does not send ${c}`),
        );
      }
    }
  }
  if (sent.size === 0)
    findings.push(inFile(RULE, reportIn, 'no Microsoft.Insights/diagnosticSettings resource'));
  return findings;
}
