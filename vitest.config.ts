import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { corpusPlugin } from './scripts/corpus-plugin.ts';

export default defineConfig({
  plugins: [WxtVitest(), preact(), corpusPlugin()],
  test: {
    globals: true,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'happy-dom',
          include: ['{lib,components,entrypoints,scripts,tests/unit}/**/*.test.{ts,tsx}'],
          setupFiles: ['tests/setup-unit.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          // One browser at a time: the machines have 2 cores.
          fileParallelism: false,
          // One retry: on a loaded 2-core machine Chromium's input can stall behind a focus move into the
          // notes frame (seen in the keyboard-only card tests, never when the machine is idle).
          retry: 1,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
