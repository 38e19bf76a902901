// A real Azurite (the devDependency) for the app scenarios and the tests: in memory, without telemetry
// or access log (as `npm start` runs it), on free loopback ports read back from its start-up lines;
// stopped by its own pid.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ACCOUNT = 'devstoreaccount1';
/** Azurite's well-known development key (public). */
export const KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const LISTENING = /Azurite (Blob|Queue|Table) service is successfully listening at (\S+)/g;

export interface RunningAzurite {
  /** Account-key connection string with explicit blob, queue and table endpoints. */
  connectionString: string;
  /** http://127.0.0.1:PORT/devstoreaccount1 */
  queueUrl: string;
  tableUrl: string;
  pid: number;
  close(): Promise<void>;
}

export async function startAzurite(): Promise<RunningAzurite> {
  const bin = path.join(
    path.dirname(createRequire(__filename).resolve('azurite/package.json')),
    'dist/src/azurite.js',
  );
  const location = mkdtempSync(path.join(tmpdir(), 'bench-azurite-'));
  const child = spawn(
    process.execPath,
    [
      bin,
      ...['--inMemoryPersistence', '--disableTelemetry', '--skipApiVersionCheck', '--loose'],
      // A line per request to a pipe nobody reads costs Azurite ~15 % of its CPU per transaction.
      '--silent',
      ...['--blobHost', '127.0.0.1', '--queueHost', '127.0.0.1', '--tableHost', '127.0.0.1'],
      ...['--blobPort', '0', '--queuePort', '0', '--tablePort', '0'],
    ],
    { cwd: location, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  const close = async () => {
    process.off('exit', kill);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(kill, 3000);
    await exited;
    clearTimeout(timer);
    rmSync(location, { recursive: true, force: true });
  };
  let output = '';
  try {
    const urls = await new Promise<Map<string, string>>((resolve, reject) => {
      const found = new Map<string, string>();
      const timer = setTimeout(
        () => reject(new Error(`Azurite did not start:\n${output}`)),
        20_000,
      );
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        for (const [, service = '', url = ''] of output.matchAll(LISTENING))
          found.set(service, url);
        if (found.size < 3) return;
        clearTimeout(timer);
        child.stdout.off('data', onData);
        child.stderr.off('data', onData);
        resolve(found);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      void exited.then(() => reject(new Error(`Azurite exited before it was ready:\n${output}`)));
    });
    child.stdout.resume();
    child.stderr.resume();
    const endpoint = (service: string) => `${urls.get(service) ?? ''}/${ACCOUNT}`;
    return {
      connectionString:
        `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${KEY};` +
        `BlobEndpoint=${endpoint('Blob')};QueueEndpoint=${endpoint('Queue')};TableEndpoint=${endpoint('Table')};`,
      queueUrl: endpoint('Queue'),
      tableUrl: endpoint('Table'),
      pid: child.pid!,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
