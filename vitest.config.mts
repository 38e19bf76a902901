// Test projects: `unit` (pure logic, no servers) and `contract` (real sockets and HTTP against the
// emulator, driven through the official Azure SDKs).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'contract',
          include: ['test/contract/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
          // Sockets and timers: files run in parallel forks, tests inside a file in order.
          pool: 'forks',
        },
      },
    ],
  },
});
