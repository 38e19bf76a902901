// Every hour: delete the profile rows that guest negotiates wrote before they stopped writing any
// (one row per guest, never read), a bounded number per run.
import type { InvocationContext, Timer } from '@azure/functions';
import { app } from '@azure/functions';

import { services } from './shared/app-services';

export async function sweepGuestProfiles(_timer: Timer, context: InvocationContext): Promise<void> {
  try {
    const swept = (await services().sweepGuestProfiles?.()) ?? 0;
    if (swept) context.log(`Guest profiles swept: ${swept} row(s) deleted.`);
  } catch (err) {
    context.error('sweepGuestProfiles failed:', err);
  }
}

app.timer('sweepGuestProfiles', {
  schedule: '0 23 * * * *',
  handler: sweepGuestProfiles,
});
