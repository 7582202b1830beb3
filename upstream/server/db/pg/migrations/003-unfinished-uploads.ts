import type { PgMigration } from '../pg-migrate'

/** Unfinished uploads by terminal, for the quota and the expiry: SQLite's migration 011. */
export const pgMigration003UnfinishedUploads: PgMigration = {
  version: 3,
  name: 'unfinished-uploads',
  async up(client) {
    await client.query(`
      CREATE INDEX files_unfinished_by_terminal ON files (terminal_id, size)
        WHERE state = 'receiving';
    `)
  },
}
