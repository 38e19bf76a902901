// Hub settings validation: the Bicep hub resource's shape, groupPresenceEvents included.
import { describe, expect, it } from 'vitest';

import { parseHubSettings } from '../../../packages/emulator/src/config';

describe('parseHubSettings: groupPresenceEvents', () => {
  const settings = (groupPresenceEvents: unknown) => () =>
    parseHubSettings({ eventHandlers: [{ urlTemplate: 'http://h/e', groupPresenceEvents }] });

  it('takes eventNames joined / left and wildcard groupFilters', () => {
    expect(settings({ eventNames: ['joined', 'left'], groupFilters: ['a.**', 'b'] })).not.toThrow();
    expect(settings({})).not.toThrow();
  });

  it('refuses other event names, bad patterns and unknown properties', () => {
    expect(settings({ eventNames: ['connected'] })).toThrow(/groupPresenceEvents\.eventNames/);
    expect(settings({ groupFilters: ['a\\'] })).toThrow(/lone backslash/);
    expect(settings({ groups: ['a'] })).toThrow(/groupPresenceEvents/);
  });
});
