// The emulator process: one HTTP server for REST and the client WebSocket endpoint (ws in
// noServer mode), with a start/close lifecycle and no side effects at import.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { MAX_MESSAGE_BYTES } from '@wps-local/wire';
import { WebSocketServer } from 'ws';

import { formatConnectionString } from './auth/connection-string';
import type { HubSettings } from './config';
import type { EmulatorContext } from './context';
import { startInspector } from './inspector/inspector-server';
import { InspectorTap } from './inspector/tap';
import { consoleLogger } from './logger';
import { handleManagement, isManagementPath } from './management/routes';
import type { EmulatorOptions } from './options';
import { resolveOptions } from './options';
import { handleRest } from './rest/router';
import { Fanout } from './routing';
import { HubRegistry } from './state/hub-registry';
import { AbuseProtection } from './upstream/abuse-protection';
import { UpstreamDispatcher } from './upstream/dispatcher';
import { UpstreamHttpClient } from './upstream/http-client';
import { handleClientFrame } from './ws/client-ops';
import { ConnectionLifecycle, sweepIntervalMs } from './ws/lifecycle';
import { isMqttPath, MqttEndpoint } from './ws/mqtt/endpoint';
import { handleClientUpgrade, refuse, selectProtocol } from './ws/upgrade';

export interface RunningEmulator {
  /** http://localhost:PORT */
  url: string;
  port: number;
  accessKey: string;
  /** `Endpoint=...;AccessKey=...;Version=1.0;` for the SDKs and the Functions extension. */
  connectionString: string;
  /** Sets or replaces a hub's event handlers while running. */
  configureHub(name: string, settings: HubSettings): void;
  /** The inspector page (http://localhost:PORT/inspector), or undefined when it is off. */
  inspectorUrl: string | undefined;
  /** Live connection count (all hubs). */
  connectionCount(): number;
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const o = resolveOptions(options);
  const log = o.logger ?? consoleLogger(o.logLevel);
  const hubs = new HubRegistry(o.hubs);
  const http = new UpstreamHttpClient({
    retryDelaysMs: o.upstreamRetryDelaysMs,
    timeoutMs: o.upstreamTimeoutMs,
  });
  const upstreamOrigin = o.publicHost.replace(/^\[|\]$/g, '');
  let port = o.port;
  const abuse = new AbuseProtection(http, upstreamOrigin, () => [`${o.publicHost}:${port}`]);
  const tap = o.inspectorPort === false ? undefined : new InspectorTap();
  const dispatcher = new UpstreamDispatcher({
    tap,
    handlersFor: (hub) => hubs.handlersFor(hub),
    http,
    abuse,
    origin: upstreamOrigin,
    log,
  });
  hubs.onMembership = (conn, group, joined) => dispatcher.groupPresence(conn, group, joined);
  const keepAliveMsFor = (hub: string) => {
    const seconds = hubs.settingsFor(hub).webSocketKeepAliveIntervalInSeconds;
    return seconds === undefined ? o.keepAliveIntervalMs : seconds * 1000;
  };
  const lifecycle = new ConnectionLifecycle(dispatcher, log, o.recoveryWindowMs, keepAliveMsFor);
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    perMessageDeflate: false,
    handleProtocols: selectProtocol,
  });
  const server = createServer({ keepAliveTimeout: 65_000 });
  server.listen(o.port, o.host);
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
  const endpoint = `http://${o.publicHost}:${port}`;
  const ctx: EmulatorContext = {
    accessKey: o.accessKey,
    endpoint,
    origin: { hosts: new Set([o.publicHost.toLowerCase(), o.host.toLowerCase()]), port },
    hubs,
    dispatcher,
    lifecycle,
    fanout: new Fanout((conn) =>
      lifecycle.closeByService(conn, 'The connection cannot keep up with its messages.', 1008),
    ),
    invokeTimeoutMs: o.invokeTimeoutMs,
    log,
    tap,
  };
  const mqtt = new MqttEndpoint(ctx);
  const inspector =
    tap && (await startInspector(ctx, tap, o.inspectorPort as number, () => server.close()));
  lifecycle.setFrameHandler((conn, data, isBinary) => {
    tap?.frameIn(conn, data, isBinary);
    handleClientFrame(ctx, conn, data, isBinary);
  });
  server.on('request', (req, res) => {
    if (tap?.restRequest(req, res)) return;
    if (isManagementPath(req.url ?? '/')) void handleManagement(ctx, req, res);
    else void handleRest(ctx, req, res);
  });
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => undefined);
    if (isMqttPath(req.url ?? '')) {
      mqtt.handleUpgrade(req, socket, head);
      return;
    }
    if (!/^\/client(\/|\?|$)/i.test(req.url ?? '')) {
      refuse(socket, 404, 'WebSocket clients connect to /client/hubs/{hub}.');
      return;
    }
    void handleClientUpgrade(ctx, wss, req, socket, head);
  });
  const keepAlive = setInterval(
    () => lifecycle.sweep(wss.clients),
    sweepIntervalMs(o.keepAliveIntervalMs),
  );
  keepAlive.unref();

  let closing: Promise<void> | undefined;
  return {
    url: endpoint,
    port,
    accessKey: o.accessKey,
    inspectorUrl: inspector?.url,
    connectionString: formatConnectionString(endpoint, o.accessKey),
    configureHub: (name, settings) => hubs.configure(name, settings),
    connectionCount: () => [...hubs.all()].reduce((n, h) => n + h.connections.size, 0),
    close: () =>
      (closing ??= (async () => {
        clearInterval(keepAlive);
        ctx.fanout.dispose();
        lifecycle.dispose();
        mqtt.close();
        // wss.close() leaves open sockets alone: terminate them first.
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await http.close();
        await inspector?.close();
      })()),
  };
}
