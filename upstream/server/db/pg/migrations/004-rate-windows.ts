import type { PgMigration } from '../pg-migrate'

/**
 * The per-terminal rate limit's windows, shared by every intake process. UNLOGGED: a count is
 * worth no WAL write per request, and a crash that empties the table grants one more window.
 */
export const pgMigration004RateWindows: PgMigration = {
  version: 4,
  name: 'rate-windows',
  async up(client) {
    await client.query(`
      CREATE UNLOGGED TABLE rate_windows (
        key text PRIMARY KEY,
        start_ms bigint NOT NULL,
        count integer NOT NULL CHECK (count > 0)
      );
    `)
  },
}
