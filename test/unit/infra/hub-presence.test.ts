// Group presence on the hub (`groupPresenceEvents`): only a hub API version that has the property may
// set it, and its events count as user events the app must handle (the Functions extension delivers
// `azure.webpubsub.gp.*` to user triggers of the event's name). The app handles none today, so the
// real templates stay on the GA API without it; each check fails on a broken copy.
import { describe, expect, it } from 'vitest';

import { appLikeFacts, checkCopy, messages } from './infra-fixtures';

const HUB = 'infra/modules/webpubsub-hub.bicep';
const HANDLER = "        systemEvents: ['connect', 'connected', 'disconnected']";
const withPresence = `${HANDLER}\n        groupPresenceEvents: { eventNames: ['joined', 'left'], groupFilters: ['room-*'] }`;
const PREVIEW = [
  "resource hub 'Microsoft.SignalRService/webPubSub/hubs@2024-03-01'",
  "resource hub 'Microsoft.SignalRService/webPubSub/hubs@2025-12-01-preview'",
] as [string, string];

describe('hub group presence events', () => {
  it('refuse groupPresenceEvents on the GA hub API, which has no such property', () => {
    const result = checkCopy({ [HUB]: [[HANDLER, withPresence]] });
    expect(messages(result, 'hub-events')).toContain(
      "groupPresenceEvents is not a property of the hub's API version 2024-03-01; use one of 2025-08-01-preview, 2025-12-01-preview",
    );
  });

  it('fail when the hub sends presence events no user trigger handles', () => {
    const result = checkCopy({ [HUB]: [PREVIEW, [HANDLER, withPresence]] });
    expect(messages(result, 'hub-events')).toEqual([
      'the hub lists the user event "joined" but no trigger handles it (the extension answers 404)',
      'the hub lists the user event "left" but no trigger handles it (the extension answers 404)',
    ]);
    expect(messages(result, 'resource-type')).toEqual([]);
  });

  it('pass with the preview API and user triggers named after the presence events', () => {
    const app = appLikeFacts();
    const facts = appLikeFacts({
      events: { ...app.events, user: [...app.events.user, 'joined', 'left'].sort() },
    });
    const result = checkCopy({ [HUB]: [PREVIEW, [HANDLER, withPresence]] }, facts);
    expect(messages(result, 'hub-events')).toEqual([]);
    expect(messages(result, 'resource-type')).toEqual([]);
  });
});
