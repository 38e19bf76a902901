// Resource types are well formed and pinned to the API versions the templates were written for
// (a typo or an unplanned version change fails here), and no output looks like a secret.
import type { Finding } from '../findings';
import { at } from '../findings';
import { declarations, resources } from '../model';
import type { BicepFile } from '../parse';

const TYPE = /^[A-Za-z]+\.[A-Za-z]+(\/[A-Za-z]+)+@\d{4}-\d{2}-\d{2}(-preview)?$/;

/** The types and API versions in use (infra-notes §2), from the bicep-types-az type library. */
export const PINNED_TYPES = new Set([
  'Microsoft.Resources/resourceGroups@2024-03-01',
  'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31',
  'Microsoft.OperationalInsights/workspaces@2023-09-01',
  'Microsoft.Insights/components@2020-02-02',
  'Microsoft.Storage/storageAccounts@2024-01-01',
  'Microsoft.Storage/storageAccounts/blobServices@2024-01-01',
  'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01',
  'Microsoft.Storage/storageAccounts/queueServices@2024-01-01',
  'Microsoft.Storage/storageAccounts/queueServices/queues@2024-01-01',
  'Microsoft.Storage/storageAccounts/tableServices@2024-01-01',
  'Microsoft.Storage/storageAccounts/tableServices/tables@2024-01-01',
  'Microsoft.Web/serverfarms@2024-04-01',
  'Microsoft.Web/sites@2024-04-01',
  'Microsoft.Web/sites/config@2024-04-01',
  'Microsoft.SignalRService/webPubSub@2024-03-01',
  'Microsoft.SignalRService/webPubSub/hubs@2024-03-01',
  // The preview hub API with groupPresenceEvents (rules/hub-events.ts), for an app with presence.
  'Microsoft.SignalRService/webPubSub/hubs@2025-12-01-preview',
  'Microsoft.SignalRService/webPubSub/replicas@2024-03-01',
  'Microsoft.Authorization/roleAssignments@2022-04-01',
  'Microsoft.Insights/diagnosticSettings@2021-05-01-preview',
]);

const SECRET_NAME = /key|secret|password|connectionstring|token/i;
const ALLOWED_OUTPUTS = new Set(['APPLICATIONINSIGHTS_CONNECTION_STRING']);

export function checkResources(file: BicepFile): Finding[] {
  const findings: Finding[] = [];
  for (const r of resources(file)) {
    const where = r.node.namedChildren[1] ?? r.node;
    const type = r.target ?? '';
    // Nested child resources name only their own segment (`'containers'` or `'tables@...'`).
    const nested = r.node.parent?.type === 'object_property';
    if (nested) continue;
    if (!TYPE.test(type)) {
      findings.push(
        at(
          'resource-type',
          file.path,
          where,
          `"${type}" is not a resource type of the form Namespace.Provider/type@yyyy-mm-dd`,
        ),
      );
    } else if (!PINNED_TYPES.has(type)) {
      findings.push(
        at(
          'resource-type',
          file.path,
          where,
          `"${type}" is not in the pinned type list (rules/resources.ts); check it against bicep-types-az and add it`,
        ),
      );
    }
  }
  for (const o of declarations(file).filter((d) => d.kind === 'output')) {
    if (SECRET_NAME.test(o.name) && !ALLOWED_OUTPUTS.has(o.name)) {
      findings.push(
        at(
          'output-secret',
          file.path,
          o.node,
          `output "${o.name}" looks like a secret; azd writes outputs to .azure/<env>/.env`,
        ),
      );
    }
  }
  return findings;
}
