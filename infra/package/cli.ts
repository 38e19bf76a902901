// `npm run package` (azd's prepackage hook): builds the deployment package into .package/, the
// folder azure.yaml names as the service's `dist`, and prints what azd will upload and its size.
import path from 'node:path';

import { azdZipEntries } from './azd-zip';
import { planPackage } from './plan';
import { stagePackage } from './stage';

export const PACKAGE_DIR = '.package';

function main(): void {
  const root = path.resolve(__dirname, '../../..');
  const plan = planPackage(root);
  if (plan.problems.length > 0) {
    for (const p of plan.problems) console.error(`package: ${p}`);
    process.exitCode = 1;
    return;
  }
  const out = path.join(root, PACKAGE_DIR);
  stagePackage(root, plan, out);
  const entries = azdZipEntries(out, { remoteBuild: false });
  const bytes = entries.reduce((sum, e) => sum + e.bytes, 0);
  const deps = Object.keys(plan.manifest.dependencies as Record<string, string>).join(', ');
  console.log(
    `package: ${PACKAGE_DIR}/ holds ${entries.length} files, ${(bytes / 1024 / 1024).toFixed(1)} MiB; dependencies: ${deps}`,
  );
}

if (require.main === module) main();
