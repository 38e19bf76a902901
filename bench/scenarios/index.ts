// Every scenario this benchmark knows, in the order they run.
import type { Scenario } from '../lib/scenario';
import { p1 } from './p1-fanout';
import { p2 } from './p2-rest-broadcast';
import { p3 } from './p3-rest-send';
import { p6 } from './p6-round-trip';
import { p8 } from './p8-max-size';
import { p9 } from './p9-idle';

export const SCENARIOS: readonly Scenario[] = [p1, p2, p3, p6, p8, p9];
