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
            'renderer/**/*.test.{ts,tsx}',
            'tests/unit/**/*.test.ts',
            'tests/upstream-e2e/**/*.test.ts',
            'tests/chaos/**/*.test.ts',
            'tests/support/**/*.test.ts',
          ],
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
