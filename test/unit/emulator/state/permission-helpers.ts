// Shared by the permission model's tests: connections from roles, and the emulator's 400.
import { expect } from 'vitest';

import { EmulatorError } from '../../../../packages/emulator/src/errors';
import { ConnectionPermissions } from '../../../../packages/emulator/src/state/permissions';

export const from = (...roles: string[]) => ConnectionPermissions.fromRoles(roles);
export const joinPattern = (p: string) => from(`webpubsub.joinLeaveGroups.${p}`);
export const range = (n: number, f: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => f(i));

/** Asserts `fn` throws the emulator's 400 and returns it for further checks. */
export function expectBadRequest(fn: () => unknown): EmulatorError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(EmulatorError);
    const e = err as EmulatorError;
    expect(e.code).toBe('EMU_ERR_BAD_REQUEST');
    expect(e.status).toBe(400);
    return e;
  }
  throw new Error('expected a 400 EmulatorError, nothing was thrown');
}
