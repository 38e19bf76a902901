// Writes a package plan into a folder (emptied first): the folder azd zips as the service's `dist`.
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { PackagePlan } from './plan';

export function stagePackage(root: string, plan: PackagePlan, outDir: string): void {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  for (const { from, to } of plan.files) {
    const target = path.join(outDir, to);
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(path.join(root, from), target);
  }
  writeFileSync(path.join(outDir, 'package.json'), `${JSON.stringify(plan.manifest, null, 2)}\n`);
}
