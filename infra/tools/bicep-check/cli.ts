// `npm run infra:check`: the offline Bicep check, printing findings as file:line:column.
import path from 'node:path';

import { DEPLOYMENT_OUTPUTS } from '../../hooks/outputs';
import { checkInfra } from './check';
import { formatFinding } from './findings';

const appRoot = path.resolve(__dirname, '../../../..');
const started = Date.now();
const { files, findings } = checkInfra({
  infraDir: path.join(appRoot, 'infra'),
  appRoot,
  outputsRead: DEPLOYMENT_OUTPUTS,
});
for (const f of findings) console.log(formatFinding(f, appRoot));
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`infra check: ${files.length} Bicep files, ${findings.length} finding(s), ${seconds}s`);
process.exitCode = findings.length > 0 ? 1 : 0;
