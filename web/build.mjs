// `node web/build.mjs`: bundles the web client (web/src/main.ts and @azure/web-pubsub-client's
// browser build) with esbuild into web/dist/, next to index.html and styles.css, which the app's
// `webClient` function (functions/web-client.ts) serves. `--watch` rebuilds on change.
import { copyFile, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import * as esbuild from 'esbuild';

const web = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(web, 'dist');
const watch = process.argv.includes('--watch');

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
for (const file of ['index.html', 'styles.css']) {
  await copyFile(path.join(web, file), path.join(out, file));
}

/** @type {import('esbuild').BuildOptions} */
const options = {
  entryPoints: [path.join(web, 'src/main.ts')],
  outfile: path.join(out, 'app.js'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['es2022'],
  minify: !watch,
  sourcemap: true,
  legalComments: 'eof',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
};

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
  console.log('web: watching web/src for changes');
} else {
  const result = await esbuild.build({ ...options, metafile: true });
  const bytes = result.metafile.outputs[path.relative(process.cwd(), options.outfile)]?.bytes;
  console.log(`web: built web/dist/app.js${bytes ? ` (${Math.round(bytes / 1024)} KiB)` : ''}`);
}
