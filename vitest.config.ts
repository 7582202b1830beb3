import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // The JSON file feeds the closing line of .ci/run.
    reporters: ['default', ['json', { outputFile: 'out/test-results.json' }]],
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: [
            'electron/**/*.test.ts',
            'drivers/**/*.test.ts',
            'upstream/**/*.test.ts',
            'lib/**/*.test.ts',
            'renderer/**/*.test.{ts,tsx}',
            'tests/unit/**/*.test.ts',
            'tests/upstream-e2e/**/*.test.ts',
            'tests/chaos/**/*.test.ts',
            'tests/support/**/*.test.ts',
          ],
          exclude: ['**/*.pcsc.test.ts', '**/node_modules/**'],
          // A guard against hangs, not a speed goal: several tests start the CLI through tsx,
          // which takes seconds on a loaded two-core machine.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          // Tests through the real pcscd: the virtual readers are shared, so one file at a time.
          name: 'pcsc',
          environment: 'node',
          include: [
            'drivers/**/*.pcsc.test.ts',
            'electron/**/*.pcsc.test.ts',
            'tests/pcsc/**/*.test.ts',
          ],
          testTimeout: 30_000,
          hookTimeout: 30_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.e2e.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One Chromium at a time: the machine has two cores.
          fileParallelism: false,
        },
      },
    ],
  },
})
