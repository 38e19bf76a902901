// HTTP triggers through the offline host over real sockets: routes, methods, auth levels, the v4
// library's response shapes, failures, hooks and settings, against the test app in test/fixtures.
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { useHost } from '../setup/host';

const host = useHost({ env: { OVERRIDDEN_BY_ENV: 'from-env' } });
const api = (path: string) => `${host().url}/api/${path}`;

describe('routes and methods', () => {
  it('routes by name under the routePrefix and passes query and body to the handler', async () => {
    expect(await (await fetch(api('hello?name=ada'))).text()).toBe('Hello, ada!');
    const posted = await fetch(api('hello'), { method: 'POST', body: 'grace' });
    expect(await posted.text()).toBe('Hello, grace!');
  });

  it('matches route parameters, optional segments and constraints, literal-first', async () => {
    expect(await (await fetch(api('items/42/blue'))).json()).toEqual({ id: '42', label: 'blue' });
    expect(await (await fetch(api('items/42'))).json()).toEqual({ id: '42', label: null });
    // `{id:int}` does not match a word, so the plain `{name}` route takes it.
    expect(await (await fetch(api('items/pen'))).json()).toEqual({ name: 'pen' });
    expect(await (await fetch(api('files/a/b/c.txt'))).text()).toBe('a/b/c.txt');
  });

  it('answers 404 for an unknown route, a method the function does not accept, or no prefix', async () => {
    expect((await fetch(api('nope'))).status).toBe(404);
    expect((await fetch(api('items/1'), { method: 'DELETE' })).status).toBe(404);
    expect((await fetch(`${host().url}/hello`)).status).toBe(404);
  });

  it('matches literal segments case-insensitively', async () => {
    expect(await (await fetch(`${host().url}/API/Hello?name=x`)).text()).toBe('Hello, x!');
  });
});

describe('auth levels', () => {
  it('function level needs a function or master key, by query or header', async () => {
    expect((await fetch(api('secret'))).status).toBe(401);
    expect((await fetch(api('secret?code=wrong'))).status).toBe(401);
    const byQuery = await fetch(api(`secret?code=${host().keys.functionKey}`));
    expect([byQuery.status, await byQuery.text()]).toEqual([200, 'function-level']);
    const byHeader = await fetch(api('secret'), {
      headers: { 'x-functions-key': host().keys.masterKey },
    });
    expect(byHeader.status).toBe(200);
  });

  it('admin level needs the master key', async () => {
    expect((await fetch(api(`admin-only?code=${host().keys.functionKey}`))).status).toBe(401);
    expect((await fetch(api(`admin-only?code=${host().keys.masterKey}`))).status).toBe(200);
  });

  it('writes the keys to the keys file it created, and prints where', () => {
    const file = JSON.parse(readFileSync(host().keys.file, 'utf8')) as {
      masterKey: { value: string };
      functionKeys: { name: string; value: string }[];
      systemKeys: { name: string }[];
    };
    expect(file.masterKey.value).toBe(host().keys.masterKey);
    expect(file.functionKeys[0]).toMatchObject({ name: 'default', value: host().keys.functionKey });
    expect(file.systemKeys.map((k) => k.name)).toContain('webpubsub_extension');
    expect(host().output()).toContain(`Host keys created in ${host().keys.file}`);
  });
});

// azure-functions-host's RpcHttpCookieConverter (gRPC message conversion extensions) turns each
// RpcHttpCookie into ASP.NET Core CookieOptions, whose Path defaults to "/", and ResponseCookies.
// Append writes Uri.EscapeDataString(value) through Microsoft.Net.Http.Headers.SetCookieHeaderValue
// (attributes: expires, max-age, domain, path, secure, samesite, httponly).
// azure-functions-host ToRpcHttp copies each request header with StringValues.ToString(), which
// joins a repeated header's lines with ","; Node's own `req.headers` would use ", " or drop them.
describe('request headers', () => {
  it('joins a repeated header with "," and keeps every line', async () => {
    const { request } = await import('undici');
    const res = await request(api('headers'), {
      headers: { 'x-multi': ['one', 'two, three'], authorization: ['first', 'second'] },
    });
    const seen = (await res.body.json()) as Record<string, string>;
    expect(seen['x-multi']).toBe('one,two, three');
    expect(seen.authorization).toBe('first,second');
  });
});

// The Functions host serves its homepage at the root when no function handles it, unless the
// AzureWebJobsDisableHomepage setting is true (azure-docs: functions app settings reference).
describe('the homepage', () => {
  it('serves the runtime homepage at / when no function is routed there', async () => {
    const res = await fetch(`${host().url}/`);
    expect([res.status, res.headers.get('content-type')]).toEqual([
      200,
      'text/html; charset=utf-8',
    ]);
    expect(await res.text()).toContain('Your Functions 4.0 app is up and running');
  });
});

describe('cookies', () => {
  it('defaults the path to /, percent-encodes the value and orders attributes as ASP.NET Core', async () => {
    const res = await fetch(api('cookies'));
    expect(res.headers.getSetCookie()).toEqual([
      'plain=a%20b%3Bc%3Dd%2F%C3%A9%21%2A%27%28%29~; path=/',
      'full=v; expires=Wed, 02 Jan 2030 03:04:05 GMT; max-age=3600; domain=example.com; path=/app; secure; samesite=strict; httponly',
      'cross=x; path=/; secure; samesite=none',
    ]);
  });
});

describe('response shapes', () => {
  it('writes status, headers, cookies and jsonBody as the library built them', async () => {
    const res = await fetch(api('shapes'), {
      method: 'POST',
      body: JSON.stringify({ a: 1 }),
      headers: { 'content-type': 'application/json', 'x-test': 'tester' },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('x-custom')).toBe('yes');
    expect(res.headers.get('set-cookie')).toBe('session=abc; path=/; samesite=lax; httponly');
    expect(await res.json()).toEqual({ echo: { a: 1 }, method: 'POST', user: 'tester' });
  });

  it('round-trips binary bodies byte for byte', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    const res = await fetch(api('binary'), { method: 'POST', body: bytes });
    expect(Buffer.from(await res.arrayBuffer())).toEqual(Buffer.from([255, 250, 2, 1, 0]));
  });

  it('sends a stream body whole', async () => {
    expect(await (await fetch(api('stream'))).text()).toBe('chunk-1,chunk-2');
  });

  it('answers 204 when the function returns nothing', async () => {
    const res = await fetch(api('nothing'));
    expect([res.status, await res.text()]).toEqual([204, '']);
  });
});

describe('failures', () => {
  it('a throwing function gives a bare 500, logs the error, and the host keeps serving', async () => {
    const res = await fetch(api('throws'));
    expect([res.status, await res.text()]).toEqual([500, '']);
    expect(host().output()).toContain(
      'Exception while executing function: Functions.throws. boom from the function',
    );
    expect((await fetch(api('hello?name=after'))).status).toBe(200);
  });

  it('a function that returns something that is not an HTTP response gives 500', async () => {
    expect((await fetch(api('malformed'))).status).toBe(500);
    expect(host().output()).toContain('The HTTP response must be an object');
  });

  it('a function that hangs past functionTimeout gives 500 and a timeout log line', async () => {
    expect((await fetch(api('hangs'))).status).toBe(500);
    expect(host().output()).toContain(
      "Timeout value of 00:00:02 exceeded by function 'Functions.hangs'",
    );
  });

  it('runs invocations concurrently', async () => {
    const slow = fetch(api('slow?ms=1500'));
    const fast = await fetch(api('hello?name=quick'));
    expect(await fast.text()).toBe('Hello, quick!');
    let slowDone = false;
    void slow.then(() => (slowDone = true));
    // The fast answer came while the slow one was still running.
    expect(slowDone).toBe(false);
    expect(await (await slow).text()).toBe('slow done');
  });
});

describe('the app around the functions', () => {
  it('runs appStart, preInvocation and postInvocation hooks with the worker’s contexts', async () => {
    expect(await (await fetch(api('hooked'))).json()).toEqual({
      functionName: 'hooked',
      pre: 'pre-ran',
      post: 'post-ran',
    });
    expect(await (await fetch(api('app-hook-data'))).json()).toEqual({
      startedAt: 'app-start-ran',
    });
  });

  it('takes local.settings.json Values as settings, with real environment variables winning', async () => {
    const read = async (name: string) =>
      ((await (await fetch(api(`settings?name=${name}`))).json()) as { value: string | null })
        .value;
    expect(await read('GREETING')).toBe('Hello');
    expect(await read('OVERRIDDEN_BY_ENV')).toBe('from-env');
  });

  it('prints the function list with URLs and one line per invocation with status and duration', async () => {
    const res = await fetch(api('logs'));
    const invocationId = await res.text();
    const out = host().output();
    expect(out).toMatch(/hello: \[GET,POST\] http:\/\/localhost:\d+\/api\/hello/);
    expect(out).toMatch(
      /items: \[GET\] http:\/\/localhost:\d+\/api\/items\/\{id:int\}\/\{label\?\}/,
    );
    expect(out).toMatch(
      new RegExp(`Executed 'Functions.logs' \\(Succeeded, Id=${invocationId}, Duration=\\d+ms\\)`),
    );
    for (const level of [
      'info line',
      'WARNING: warn line',
      'ERROR: error line',
      'DEBUG: debug line',
    ]) {
      expect(out).toContain(`${level} (Functions.logs)`);
    }
  });
});
