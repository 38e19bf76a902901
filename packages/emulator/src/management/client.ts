// A typed client of the emulator's management API (hub settings, reset), for the stack, the test
// kit and anyone scripting a running emulator. Tokens are signed as the REST API expects them.
import jwt from 'jsonwebtoken';

import type { HubSettings } from '../config';

export interface ResetResult {
  closedConnections: number;
}

export class EmulatorManagementClient {
  private readonly endpoint: string;

  /** `endpoint`: the emulator's base URL (`http://localhost:8080`). */
  constructor(
    endpoint: string,
    private readonly accessKey: string,
  ) {
    this.endpoint = endpoint.replace(/\/+$/, '');
  }

  /** From `Endpoint=...;AccessKey=...;` (the connection string the emulator prints). */
  static fromConnectionString(connectionString: string): EmulatorManagementClient {
    const parts = new Map(
      connectionString
        .split(';')
        .filter(Boolean)
        .map((p) => {
          const eq = p.indexOf('=');
          return [p.slice(0, eq).trim().toLowerCase(), p.slice(eq + 1).trim()] as const;
        }),
    );
    const endpoint = parts.get('endpoint');
    const key = parts.get('accesskey');
    if (!endpoint || !key)
      throw new TypeError('The connection string needs Endpoint and AccessKey.');
    const url = new URL(endpoint);
    const port = parts.get('port');
    if (port) url.port = port;
    return new EmulatorManagementClient(url.origin, key);
  }

  async hubs(): Promise<Record<string, HubSettings>> {
    const body = (await this.call('GET', 'hubs')) as { hubs: Record<string, HubSettings> };
    return body.hubs;
  }

  /** Sets or replaces one hub's settings (event handlers, anonymous connect, keep-alive). */
  async configureHub(hub: string, settings: HubSettings): Promise<void> {
    await this.call('PUT', `hubs/${encodeURIComponent(hub)}`, settings);
  }

  /** Closes every connection (as the service closes one) and empties every group and user. */
  async reset(): Promise<ResetResult> {
    return (await this.call('POST', 'reset')) as ResetResult;
  }

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const url = `${this.endpoint}/emulator/${path}`;
    const token = jwt.sign({}, this.accessKey, {
      algorithm: 'HS256',
      audience: url,
      expiresIn: 300,
    });
    const res = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) {
      throw new Error(`Emulator ${method} /emulator/${path} failed: ${res.status} ${text}`);
    }
    return text ? JSON.parse(text) : undefined;
  }
}
