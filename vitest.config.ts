import { defineConfig } from 'vitest/config';

/**
 * Two projects: the compiler's tests in Node, and the editor's tests in a real
 * Chromium (Debian's /usr/bin/chromium driven by playwright-core against a
 * Vite dev server the browser project's global setup starts). The browser
 * project runs after the Node one, one file at a time, so a 2-core machine
 * never runs Chromium beside the tfjs-heavy Node tests.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/browser/**', '**/node_modules/**'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
          pool: 'forks',
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/browser/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 120_000,
          pool: 'forks',
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
