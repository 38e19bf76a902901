// The data-plane roles the app's identity needs, worked out from the code: the bindings it
// registers and the SDKs it loads (plus telemetry when Application Insights is deployed).
import type { AppFacts } from '../app-facts';
import { resources } from '../model';
import type { BicepFile } from '../parse';

export interface RoleNeed {
  role: string;
  id: string;
  scope: string;
  why: string;
}

export const ROLES = {
  blobOwner: {
    role: 'Storage Blob Data Owner',
    id: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b',
    scope: 'Microsoft.Storage/storageAccounts',
  },
  queueContributor: {
    role: 'Storage Queue Data Contributor',
    id: '974c5e8b-45b9-4653-ba55-5f855dd0fb88',
    scope: 'Microsoft.Storage/storageAccounts',
  },
  tableContributor: {
    role: 'Storage Table Data Contributor',
    id: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3',
    scope: 'Microsoft.Storage/storageAccounts',
  },
  metricsPublisher: {
    role: 'Monitoring Metrics Publisher',
    id: '3913510d-42f4-4e42-8a64-420c390055eb',
    scope: 'Microsoft.Insights/components',
  },
  webPubSubOwner: {
    role: 'Web PubSub Service Owner',
    id: '12cf5a90-567b-43ae-8102-96cf46c7d9b4',
    scope: 'Microsoft.SignalRService/webPubSub',
  },
};

export function roleNeeds(
  facts: Pick<AppFacts, 'bindingTypes' | 'packages' | 'tables'>,
  files: BicepFile[],
): RoleNeed[] {
  const has = (p: string) => facts.packages.includes(p);
  const needs: RoleNeed[] = [
    { ...ROLES.blobOwner, why: 'the Functions host and the Flex deployment package' },
  ];
  if (facts.bindingTypes.some((t) => t.startsWith('queue')) || has('@azure/storage-queue')) {
    needs.push({ ...ROLES.queueContributor, why: 'queue triggers and outputs' });
  }
  if (facts.tables.length > 0 || has('@azure/data-tables'))
    needs.push({ ...ROLES.tableContributor, why: "the app's tables" });
  if (facts.bindingTypes.some((t) => t.startsWith('webPubSub')) || has('@azure/web-pubsub')) {
    needs.push({ ...ROLES.webPubSubOwner, why: 'Web PubSub bindings and the service client' });
  }
  if (
    files.some((f) =>
      resources(f).some((r) => r.target?.startsWith('Microsoft.Insights/components@')),
    )
  ) {
    needs.push({ ...ROLES.metricsPublisher, why: 'telemetry with local auth off' });
  }
  return needs;
}
