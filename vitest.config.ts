import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'

/**
 * The pcsc project's pcscd serves readers that one test at a time drives. Every other project gets
 * a socket path where no pcscd listens, so a test there asking for real devices (doctor, the device
 * manager) sees no PC/SC service instead of talking to a card in the middle of a pcsc test's read.
 */
const NO_PCSCD = {
  PCSCLITE_CSOCK_NAME: '/nonexistent/kiosk-tests-outside-the-pcsc-project/pcscd.comm',
}

/** The upstream tests that open an upstream or its database: run on SQLite (unit, upstream-e2e) and PostgreSQL. */
const UPSTREAM_SUITE = [
  'upstream/server/*.test.ts',
  'upstream/server/http/**/*.test.ts',
  'upstream/server/intake/**/*.test.ts',
  'upstream/server/review/**/*.test.ts',
  'upstream/training/**/*.test.ts',
  'tests/upstream-e2e/**/*.test.ts',
]

/**
 * Of those, the ones about SQLite itself: the nonces' durability through SQLite's WAL syncs
 * (a PostgreSQL commit is durable when it returns).
 */
const UPSTREAM_SUITE_SQLITE_ONLY = ['upstream/server/http/nonce-durability.test.ts']

export default defineConfig({
  test: {
    // The JSON file feeds the closing line of .ci/run.
    reporters: ['default', ['json', { outputFile: 'out/test-results.json' }]],
    projects: [
      {
        test: {
          // Pure Node tests: no pcscd, no browser, no child process left behind.
          name: 'unit',
          env: NO_PCSCD,
          environment: 'node',
          include: [
            'electron/**/*.test.ts',
            'drivers/**/*.test.ts',
            'upstream/**/*.test.ts',
            'lib/**/*.test.ts',
            'protocol/**/*.test.ts',
            'renderer/**/*.test.ts',
            'tests/unit/**/*.test.ts',
            'tests/support/**/*.test.ts',
            // npm test's share of npm run fuzz (tests/fuzz/share.ts).
            'tests/fuzz/**/*.test.ts',
          ],
          exclude: [
            '**/*.pcsc.test.ts',
            '**/node_modules/**',
            '**/*.tpm.test.ts',
            '**/*.pg.test.ts',
          ],
          // A guard against hangs, not a speed goal: several tests start the CLI through tsx,
          // which takes seconds on a loaded two-core machine.
          testTimeout: 30_000,
        },
      },
      {
        plugins: [react()],
        test: {
          // React components rendered into happy-dom with @testing-library/react.
          name: 'renderer',
          env: NO_PCSCD,
          environment: 'happy-dom',
          include: ['renderer/**/*.test.tsx'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          // Tests through the real pcscd: the virtual readers are shared, so one file at a time.
          name: 'pcsc',
          environment: 'node',
          // Starts this run's own pcscd, vpcd readers and vicc's ePassport; stops them after.
          globalSetup: ['tests/setup/pcsc-services.ts'],
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
          // Station keys sealed by a software TPM: this run's own swtpm instances, one file at a time.
          name: 'tpm',
          env: NO_PCSCD,
          environment: 'node',
          // Starts two swtpm (the station's TPM and another one) on free ports; stops them by PID.
          globalSetup: ['tests/setup/tpm-services.ts'],
          include: ['electron/**/*.tpm.test.ts', 'tests/tpm/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 30_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          // The upstream on PostgreSQL: this run's own cluster (unix socket, started and stopped
          // by PID); each test file makes a database of its own, so files run side by side.
          name: 'postgres',
          // The upstream's suite once more, every upstream it opens on PostgreSQL
          // (tests/support/upstream-backend.ts); its SQLite-only files say why they are left out.
          env: { ...NO_PCSCD, KIOSK_TEST_UPSTREAM_BACKEND: 'postgres' },
          environment: 'node',
          globalSetup: ['tests/setup/postgres-services.ts'],
          include: [
            'upstream/**/*.pg.test.ts',
            'tests/postgres/**/*.test.ts',
            // kill -9 of one of two intake processes on one database.
            'tests/chaos/**/*.pg.test.ts',
            ...UPSTREAM_SUITE,
          ],
          exclude: ['**/node_modules/**', ...UPSTREAM_SUITE_SQLITE_ONLY],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          // The kiosk and the training upstream over loopback HTTP, each test with its own ports.
          name: 'upstream-e2e',
          env: NO_PCSCD,
          environment: 'node',
          include: ['tests/upstream-e2e/**/*.test.ts'],
          // Those need PostgreSQL: the postgres project runs them.
          exclude: ['**/node_modules/**', '**/*.pg.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          // kill -9 of the CLI mid-submit and mid-upload, then restart: child processes on a
          // two-core machine, so one file at a time.
          name: 'chaos',
          env: NO_PCSCD,
          environment: 'node',
          include: ['tests/chaos/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/*.pg.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          env: NO_PCSCD,
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
