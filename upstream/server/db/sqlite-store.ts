import type { SqliteDatabase } from '../../../lib/sqlite'
import { createAuditCheckpointRepository } from '../audit/audit-checkpoints'
import { createBodyStore } from '../intake/body-store'
import { asyncRepository } from './async-repository'
import { createFileRepository } from './files'
import type { CommittedSync } from './group-commit'
import { createInviteRepository } from './invites'
import { createNonceStore } from './nonces'
import { memoryRateWindows } from './rate-windows'
import { createReviewerRepository } from './reviewers'
import { createSmsOutbox, type SmsOutboxKeys } from './sms-outbox'
import { createStatusEventRepository } from './status-events'
import type { UpstreamRepositories, UpstreamStore } from './store'
import { createTerminalRepository } from './terminals'
import { createUnfinishedUploads } from './unfinished-uploads'

function sqliteRepositories(
  db: SqliteDatabase,
  outboxKeys: SmsOutboxKeys,
  bodies: UpstreamRepositories['bodies'] | undefined,
): UpstreamRepositories {
  return {
    terminals: asyncRepository(createTerminalRepository(db)),
    invites: asyncRepository(createInviteRepository(db)),
    nonces: asyncRepository(createNonceStore(db)),
    files: asyncRepository(createFileRepository(db)),
    statusEvents: asyncRepository(createStatusEventRepository(db)),
    bodies: bodies ?? asyncRepository(createBodyStore(db)),
    unfinished: asyncRepository(createUnfinishedUploads(db)),
    smsOutbox: asyncRepository(createSmsOutbox(db, outboxKeys)),
    reviewers: asyncRepository(createReviewerRepository(db)),
    audit: asyncRepository(createAuditCheckpointRepository(db)),
    rateWindows: asyncRepository(memoryRateWindows()),
  }
}

/** The same repositories, each call waiting until no transaction is open on the connection. */
function outsideTransactions(
  repos: UpstreamRepositories,
  idle: () => Promise<void>,
): UpstreamRepositories {
  const gated: Record<string, Record<string, unknown>> = {}
  for (const [name, repo] of Object.entries(repos)) {
    const methods: Record<string, unknown> = {}
    for (const [key, method] of Object.entries(repo as Record<string, unknown>)) {
      const call = method as (...args: unknown[]) => Promise<unknown>
      methods[key] = async (...args: unknown[]) => {
        await idle()
        return call(...args)
      }
    }
    gated[name] = methods
  }
  return gated as unknown as UpstreamRepositories
}

/**
 * The upstream's SQLite database as an `UpstreamStore`. One connection serves every request, so
 * a transaction whose `work` awaits must not let another request's statements into it: while one
 * is open, other transactions and every call on `repos` wait for it to end. `durably` is the group
 * commit (group-commit.ts): commit with `synchronous = NORMAL`, then one shared WAL sync.
 */
export function sqliteStore(
  db: SqliteDatabase,
  options: {
    outboxKeys: SmsOutboxKeys
    syncCommitted: CommittedSync
    /** Bodies outside the database (a directory); its chunks table by default. */
    bodies?: UpstreamRepositories['bodies']
    close(): Promise<void>
  },
): UpstreamStore {
  const inside = sqliteRepositories(db, options.outboxKeys, options.bodies)
  // The end of the last transaction asked for: each new one queues behind it, synchronously, so
  // two asked for in the same tick cannot both begin.
  let tail: Promise<void> = Promise.resolve()
  const idle = async () => {
    for (let seen = tail; ; seen = tail) {
      await seen
      if (seen === tail) return
    }
  }

  async function transaction<T>(work: (repos: UpstreamRepositories) => Promise<T>): Promise<T> {
    const previous = tail
    let end = () => {}
    tail = new Promise((resolve) => (end = resolve))
    await previous
    try {
      db.exec('BEGIN IMMEDIATE')
      const result = await work(inside)
      db.exec('COMMIT')
      return result
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK')
      throw error
    } finally {
      end()
    }
  }

  const { syncCommitted } = options
  return {
    backend: 'sqlite',
    repos: outsideTransactions(inside, idle),
    transaction,
    async durably(work) {
      const result = await transaction(work)
      await syncCommitted()
      return result
    },
    durabilityMark: () => syncCommitted.mark(),
    onDiskSince: (mark) => syncCommitted.since(mark),
    close: options.close,
  }
}
