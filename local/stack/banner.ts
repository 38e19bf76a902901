// What `npm start` prints once everything is up: where each part answers.
import type { StackPlan } from './plan';

export function banner(plan: StackPlan, hostName: string, storageDir: string): string {
  const { urls } = plan;
  // With an empty routePrefix each route is a full path (often under api/): the host lists them.
  const apiNote = plan.routePrefix ? '' : ' (host.json routePrefix is "": see the routes above)';
  return [
    '',
    'Local stack is running (local development only, never for production)',
    `  Web client   ${urls.web}`,
    `  API          ${urls.api}${apiNote}`,
    `  Host         ${hostName}; Web PubSub webhook ${urls.webhook}`,
    `  Web PubSub   ${urls.emulator} (emulator; hub '${plan.hub}' sends its events to the webhook)`,
    `  Storage      Azurite, data in ${storageDir}`,
    `    Blob       ${urls.storage.blob}`,
    `    Queue      ${urls.storage.queue}`,
    `    Table      ${urls.storage.table}`,
    'Press Ctrl-C to stop.',
    '',
  ].join('\n');
}
