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
          // One browser at a time. Two files at a time (each its own browser, server and profile) took 468–594 s
          // instead of ~900 s on the 2-core machine under a one-core load, but both runs failed: keyboard.press
          // unanswered after a save (since fixed in the notes frame) and a Firefox scroll that never settled.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
