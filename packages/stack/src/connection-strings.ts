// Connection strings that point the app at the local emulator and Azurite on the chosen ports.
import { WELL_KNOWN_ACCESS_KEY } from '@wps-local/emulator/well-known-key';

/**
 * Azurite's well-known development account and key. They are PUBLIC (documented by Microsoft for
 * the storage emulators, the same as `UseDevelopmentStorage=true`) and protect nothing.
 */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface StorageEndpoints {
  blob: string;
  queue: string;
  table: string;
}

export interface StoragePorts {
  blob: number;
  queue: number;
  table: number;
}

/** Azurite listens on 127.0.0.1: the endpoints say so rather than leave `localhost` to resolve. */
export function storageEndpoints(ports: StoragePorts): StorageEndpoints {
  const at = (port: number) => `http://127.0.0.1:${port}/${AZURITE_ACCOUNT}`;
  return { blob: at(ports.blob), queue: at(ports.queue), table: at(ports.table) };
}

/** Azurite's well-known account at these endpoints (`UseDevelopmentStorage=true` only matches
 * Azurite's default ports). */
export function storageConnectionString(e: StorageEndpoints): string {
  return (
    `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_ACCOUNT_KEY};` +
    `BlobEndpoint=${e.blob};QueueEndpoint=${e.queue};TableEndpoint=${e.table};`
  );
}

/** The emulator's key: EMULATOR_ACCESS_KEY if set (as the emulator's own CLI reads it), else the
 * public well-known local key. */
export function emulatorAccessKey(env: NodeJS.ProcessEnv = process.env): string {
  return env.EMULATOR_ACCESS_KEY || WELL_KNOWN_ACCESS_KEY;
}

export function webPubSubConnectionString(emulatorPort: number, accessKey: string): string {
  return `Endpoint=http://localhost:${emulatorPort};AccessKey=${accessKey};Version=1.0;`;
}
