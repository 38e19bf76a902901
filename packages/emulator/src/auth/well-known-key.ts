// The emulator's default access key. It is PUBLIC and for local development only (like Azurite's
// devstoreaccount1 key): anything signed with it protects nothing.

export const WELL_KNOWN_ACCESS_KEY = 'WellKnownLocalEmulatorKey.NotASecret.0123456789ABCDEF';
