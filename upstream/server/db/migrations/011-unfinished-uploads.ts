import type { Migration } from '../../../../lib/sqlite'

/**
 * An index for the quota of unfinished uploads (files still `receiving`): a terminal's count and
 * bytes at each announce. Partial, so it holds only the files in flight, not every file ever
 * received. The expiry pass finds old unfinished files through files_by_state (migration 003).
 */
export const migration011UnfinishedUploads: Migration = {
  version: 11,
  name: 'unfinished-uploads',
  up(db) {
    db.exec(`
      CREATE INDEX files_unfinished_by_terminal ON files (terminal_id, size)
        WHERE state = 'receiving';
    `)
  },
}
