import type { BodyStore } from '../../intake/body-store'
import type { AsyncRepository } from '../async-repository'
import type { SmsOutboxKeys } from '../sms-outbox'
import type { UpstreamRepositories, UpstreamStore } from '../store'
import { upstreamPgMigrations } from './migrations'
import { createPgAuditCheckpointRepository } from './pg-audit-checkpoints'
import { createPgBodyStore } from './pg-body-store'
import { openPostgres } from './pg-database'
import { createPgFileRepository } from './pg-files'
import { migratePostgres } from './pg-migrate'
import {
  createPgInviteRepository,
  createPgNonceStore,
  createPgTerminalRepository,
} from './pg-registry'
import { createPgRateWindows } from './pg-rate-windows'
import { createPgReviewerRepository } from './pg-reviewers'
import { poolScope, transactionScope, type PgScope } from './pg-scope'
import { createPgSmsOutbox } from './pg-sms-outbox'
import { createPgStatusEventRepository } from './pg-status-events'
import { createPgUnfinishedUploads } from './pg-unfinished-uploads'

export interface PgStoreOptions {
  /** `postgresql://…` (a unix socket folder as `?host=/dir`). */
  url: string
  outboxKeys: SmsOutboxKeys
  /** Bodies in this store (a directory) instead of PostgreSQL's `chunks`. */
  bodies?: AsyncRepository<BodyStore>
  /** Connections of this process's pool (10 by default). */
  poolSize?: number
}

function pgRepositories(scope: PgScope, options: PgStoreOptions): UpstreamRepositories {
  return {
    terminals: createPgTerminalRepository(scope),
    invites: createPgInviteRepository(scope),
    nonces: createPgNonceStore(scope),
    rateWindows: createPgRateWindows(scope),
    files: createPgFileRepository(scope),
    statusEvents: createPgStatusEventRepository(scope),
    bodies: options.bodies ?? createPgBodyStore(scope),
    unfinished: createPgUnfinishedUploads(scope),
    smsOutbox: createPgSmsOutbox(scope, options.outboxKeys),
    reviewers: createPgReviewerRepository(scope),
    audit: createPgAuditCheckpointRepository(scope),
  }
}

/**
 * The upstream's database on PostgreSQL, migrated, shared by any number of intake processes.
 * A commit is on disk when it returns (`synchronous_commit` on), so `durably` is `transaction`
 * and `onDiskSince` resolves at once. Races between processes are settled by conditional
 * updates, row locks and per-terminal advisory locks in the repositories (db/pg/).
 */
export async function openPgStore(options: PgStoreOptions): Promise<UpstreamStore> {
  const db = openPostgres(options.url, { max: options.poolSize ?? 10 })
  try {
    await migratePostgres(db, upstreamPgMigrations)
  } catch (error) {
    await db.close()
    throw error
  }
  const pool = poolScope(db)
  const transaction = <T>(work: (repos: UpstreamRepositories) => Promise<T>) =>
    db.transaction((client) => work(pgRepositories(transactionScope(client), options)))
  return {
    backend: 'postgres',
    // Long-lived on the pool: the nonce and rate stores purge expired rows now and then.
    repos: pgRepositories(pool, options),
    transaction,
    durably: transaction,
    durabilityMark: () => 0,
    onDiskSince: async () => undefined,
    close: () => db.close(),
  }
}
