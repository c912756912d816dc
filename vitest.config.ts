import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
// Debian's Chromium and the flags every launch of it uses: the browser tests never download one.
import { CHROMIUM, FLAGS } from './test/chromium.js';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: [
            '**/*.browser.test.ts',
            'test/browser/**',
            'test/e2e/**',
            'test/pack/**',
            'test/server/**',
            'packages/server/**',
            '**/node_modules/**',
          ],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['packages/*/src/**/*.browser.test.ts', 'test/browser/**/*.test.ts'],
          testTimeout: 60_000,
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({
              launchOptions: {
                executablePath: CHROMIUM,
                args: FLAGS,
              },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
      {
        test: {
          // The packages packed and installed outside the workspace, as a stranger installs them; see test/pack.
          name: 'pack',
          environment: 'node',
          include: ['test/pack/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 600_000,
        },
      },
      {
        test: {
          // The server on PGlite and on a throwaway PostgreSQL cluster (test/server/globalSetup.ts).
          name: 'server',
          environment: 'node',
          include: ['packages/server/src/**/*.test.ts', 'test/server/**/*.test.ts'],
          globalSetup: ['test/server/globalSetup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          // Playwright drives the built demo app (apps/demo) in Debian's Chromium; see test/e2e/README.md.
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/globalSetup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
