// The README's recipes, run as printed (only the port and the storage connection string swapped for
// this stack's): the sign-in cookie recipe under the offline host, and the notification recipe.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterAll, describe, expect, it } from 'vitest';

import { connectUser } from '../setup/chat-client';
import { REPO_ROOT } from '../setup/host';
import { useStack } from '../setup/stack';

// As `npm start` runs the host: with the local sign-in, which drops client-sent principal headers.
const { stack } = useStack({}, { localAuth: true });
const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const scratch = mkdtempSync(path.join(tmpdir(), 'readme-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The first ```bash block after a heading, with this stack's address in place of the defaults. */
function recipe(heading: string): string {
  const section = readme.slice(readme.indexOf(heading));
  const block = /```bash\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error(`no bash block after ${heading}`);
  return block
    .replaceAll('http://localhost:7071', stack().appUrl)
    .replaceAll('UseDevelopmentStorage=true', stack().connectionStrings.storage);
}

async function bash(script: string, cwd: string): Promise<string> {
  const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', script], { cwd });
  return stdout;
}

describe('README recipes', () => {
  it('signs in with the session cookie and negotiates as that user (npm start)', async () => {
    const out = await bash(recipe('### Signing in locally'), scratch);
    const { url } = JSON.parse(out.trim().split('\n').at(-1)!) as { url: string };
    const token = new URL(url).searchParams.get('access_token')!;
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    expect(claims.sub).toEqual(expect.any(String));
    expect(claims.sub).not.toBe('');
  });

  it('delivers a notification put on the queue with the SDK defaults, as printed', async () => {
    const user = await connectUser(stack().appUrl, 'guest');
    await user.send('join', { room: 'lobby' });
    await user.waitFor((p) => p.type === 'joined' && p.room === 'lobby', 'joined lobby');
    await bash(recipe('### Notifications from a queue'), REPO_ROOT);
    const note = await user.waitFor((p) => p.type === 'notification', 'the notification');
    expect(note).toMatchObject({ title: 'Hello', level: 'info', room: 'lobby' });
    await user.rc.stop();
  });
});
