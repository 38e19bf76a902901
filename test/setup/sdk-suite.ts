// Per-describe fixtures for the client SDK contract tests: emulator, service client, optional TCP proxy and recording handler.
import type { GenerateClientTokenOptions, WebPubSubServiceClient } from '@azure/web-pubsub';
import type { WebPubSubClientOptions } from '@azure/web-pubsub-client';
import type { EmulatorOptions, RunningEmulator } from '@wps-local/emulator';
import type { RecordedClient } from '@wps-local/test-kit';
import { negotiate, recordClient, serviceClient, stopAllClients } from '@wps-local/test-kit';
import { afterAll, afterEach, beforeAll } from 'vitest';

import { TEST_HUB, useEmulator } from './emulator';
import type { RecordingHandler, RecordingHandlerOptions } from './recording-handler';
import { startRecordingHandler } from './recording-handler';
import type { TcpProxy } from './tcp-proxy';
import { startTcpProxy } from './tcp-proxy';

export interface SdkSuiteOptions {
  emulator?: EmulatorOptions;
  /** Put a TCP proxy in front of the emulator (released and un-rewritten after each test). */
  proxy?: boolean;
  /** Route TEST_HUB's events to a recording handler (every user event and these system events). */
  handler?: RecordingHandlerOptions;
}

export interface SdkSuite {
  emulator: () => RunningEmulator;
  /** The server SDK for TEST_HUB. */
  service: () => WebPubSubServiceClient;
  /** The TCP proxy (needs `proxy: true`). */
  readonly proxy: TcpProxy;
  /** The recording event handler (needs `handler`). */
  readonly handler: RecordingHandler;
  /** A recorded SDK client negotiating straight with the emulator. */
  client: (token?: GenerateClientTokenOptions, options?: WebPubSubClientOptions) => RecordedClient;
  /** A recorded SDK client negotiating through the proxy. */
  proxiedClient: (
    token?: GenerateClientTokenOptions,
    options?: WebPubSubClientOptions,
  ) => RecordedClient;
}

/** Registers the hooks for one describe block; every SDK client is stopped after each test. */
export function useSdkSuite(options: SdkSuiteOptions = {}): SdkSuite {
  const emulator = useEmulator(options.emulator);
  const service = () => serviceClient(emulator().connectionString, TEST_HUB);
  let proxy: TcpProxy | undefined;
  let handler: RecordingHandler | undefined;
  const started = <T>(value: T | undefined, what: string): T => {
    if (!value) throw new Error(`${what} has not started (see useSdkSuite options)`);
    return value;
  };
  if (options.proxy || options.handler) {
    beforeAll(async () => {
      if (options.proxy) proxy = await startTcpProxy(emulator().port);
      if (options.handler) {
        handler = await startRecordingHandler(options.handler.respond);
        emulator().configureHub(TEST_HUB, handler.hubSettings(options.handler.systemEvents));
      }
    });
  }
  afterEach(async () => {
    proxy?.release();
    proxy?.rewriteRequestLine(undefined);
    await stopAllClients();
  });
  if (options.proxy || options.handler) {
    afterAll(async () => {
      await proxy?.close();
      await handler?.close();
    });
  }
  const suite: SdkSuite = {
    emulator,
    service,
    get proxy() {
      return started(proxy, 'the TCP proxy');
    },
    get handler() {
      return started(handler, 'the recording handler');
    },
    client: (token = {}, clientOptions) => recordClient(negotiate(service, token), clientOptions),
    proxiedClient: (token = {}, clientOptions) =>
      recordClient(negotiate(service, token, suite.proxy.via), clientOptions),
  };
  return suite;
}
