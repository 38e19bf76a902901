// Test projects: `unit` (pure logic, no servers), `contract` (real sockets and HTTP against the
// emulator, driven through the official Azure SDKs), `examples` (the example apps from the packed
// packages) and `browser` (the web client in Chromium).
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
      {
        test: {
          // Each example under examples/ installed from the packed packages in a temporary copy,
          // running its own node:test suite (npm install + two stacks: minutes, not seconds).
          name: 'examples',
          include: ['test/examples/**/*.test.ts'],
          environment: 'node',
          testTimeout: 300_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      {
        test: {
          // The web client in Debian's Chromium (playwright-core) through the whole local stack.
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 90_000,
          pool: 'forks',
        },
      },
    ],
  },
});
