// Timer trigger with NCRONTAB schedules. (Being built.)
import type { ExtensionFactory } from '../extension';

export const timerExtension: ExtensionFactory = () => ({ name: 'timer' });
