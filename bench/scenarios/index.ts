// Every scenario this benchmark knows, in the order they run.
import type { Scenario } from '../lib/scenario';
import { appRoom } from './app-room';
import { groupStream } from './group-stream';
import { httpTrigger } from './http-trigger';
import { invokeRt } from './invoke-rt';
import { mqttFanout } from './mqtt-fanout';
import { p1 } from './p1-fanout';
import { p2 } from './p2-rest-broadcast';
import { p3 } from './p3-rest-send';
import { p4 } from './p4-upstream-rt';
import { p5 } from './p5-upstream-load';
import { p6 } from './p6-round-trip';
import { p7 } from './p7-connect-storm';
import { p8 } from './p8-max-size';
import { p9 } from './p9-idle';
import { p10 } from './p10-mixed';
import { stackStartup } from './stack-startup';

export const SCENARIOS: readonly Scenario[] = [
  p1,
  mqttFanout,
  p2,
  p3,
  p4,
  invokeRt,
  groupStream,
  p5,
  p6,
  p7,
  p8,
  p9,
  httpTrigger,
  appRoom,
  p10,
  stackStartup,
];
