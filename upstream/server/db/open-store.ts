import { join } from 'node:path'
import { createDirectoryBodyStore } from '../intake/directory-body-store'
import { openUpstreamDatabase, UPSTREAM_DATABASE_FILE } from './database'
import { coalescedSync, walSyncer as fileWalSyncer } from './group-commit'
import { openPgStore } from './pg/pg-store'
import type { SmsOutboxKeys } from './sms-outbox'
import { sqliteStore } from './sqlite-store'
import type { UpstreamStore } from './store'

type WalSyncer = ReturnType<typeof fileWalSyncer>

/** Where the upstream keeps its records and its file bodies. */
export interface UpstreamDatabaseOptions {
  /**
   * `postgres://…` or `postgresql://…`: PostgreSQL, shared by several intake processes. Without
   * it, `upstream.sqlite` in the data directory (one process).
   */
  database?: string
  /** File bodies in this directory (one file each) instead of the database. */
  bodiesDir?: string
  /** How SQLite's WAL file is synced; tests wrap it to see what a power cut would keep. */
  walSyncer?: (databaseFile: string) => WalSyncer
}

/** True for the URLs `database` takes for PostgreSQL. */
export function isPostgresUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//i.test(value)
}

/** Opens (creating and migrating) the upstream's database as the options say. */
export async function openUpstreamStore(
  dataDir: string,
  options: UpstreamDatabaseOptions,
  outboxKeys: SmsOutboxKeys,
): Promise<UpstreamStore> {
  const bodies = options.bodiesDir ? createDirectoryBodyStore(options.bodiesDir) : undefined
  if (options.database !== undefined) {
    if (!isPostgresUrl(options.database))
      throw new Error(`not a PostgreSQL URL: ${options.database.replace(/\/\/[^@/]*@/, '//…@')}`)
    return openPgStore({ url: options.database, outboxKeys, ...(bodies ? { bodies } : {}) })
  }
  const databaseFile = join(dataDir, UPSTREAM_DATABASE_FILE)
  const db = openUpstreamDatabase(databaseFile)
  const wal = (options.walSyncer ?? fileWalSyncer)(databaseFile)
  return sqliteStore(db, {
    outboxKeys,
    syncCommitted: coalescedSync(wal.sync),
    ...(bodies ? { bodies } : {}),
    async close() {
      await wal.close()
      db.close()
    },
  })
}
