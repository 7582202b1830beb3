import { describe, expect, it } from 'vitest'
import { usePostgresDatabases } from '../../../../tests/support/postgres'
import type { BackendUnderTest } from '../contract/backend-under-test'
import { fileContract } from '../contract/file-contract'
import { registryContract, terminal } from '../contract/registry-contract'
import { upstreamPgMigrations } from './migrations'
import { openPostgres, type PgDatabase } from './pg-database'
import { createPgFileRepository } from './pg-files'
import {
  createPgInviteRepository,
  createPgNonceStore,
  createPgTerminalRepository,
} from './pg-registry'
import { poolScope } from './pg-scope'
import { createPgStatusEventRepository } from './pg-status-events'

const databases = usePostgresDatabases()

/** A fresh database per test, migrated: the same starting point as SQLite's in-memory one. */
async function openPg(): Promise<BackendUnderTest & { db: PgDatabase }> {
  const db = await databases.open(upstreamPgMigrations)
  return {
    db,
    terminals: createPgTerminalRepository(db.pool),
    invites: createPgInviteRepository(db.pool),
    nonces: createPgNonceStore(db.pool),
    files: createPgFileRepository(db.pool),
    statusEvents: createPgStatusEventRepository(poolScope(db)),
  }
}

describe('upstream repositories on PostgreSQL', () => {
  registryContract(openPg)
  fileContract(openPg)
})

/** A second pool on the same database: another intake process. */
function secondProcess(db: PgDatabase) {
  const other = openPostgres(db.url, { max: 4 })
  return {
    db: other,
    files: createPgFileRepository(other.pool),
    invites: createPgInviteRepository(other.pool),
    nonces: createPgNonceStore(other.pool),
    statusEvents: createPgStatusEventRepository(poolScope(other)),
  }
}

/** A registered terminal T-1 and one file it announced. */
async function announceOne(backend: BackendUnderTest, fileId: string): Promise<string> {
  await backend.terminals.upsert(terminal('T-1'))
  const file = { fileId, terminalId: 'T-1', sha256: 'c'.repeat(64), size: 10 }
  await backend.files.announce({ ...file, source: 'upload', at: 't0' })
  return fileId
}

describe('two intake processes on one PostgreSQL', () => {
  it('let exactly one of them receive, review, use an invite or accept a nonce', async () => {
    const one = await openPg()
    const two = secondProcess(one.db)
    try {
      const fileId = await announceOne(one, '00000000-0000-4000-8000-000000000001')
      const receipt = {
        fileId,
        sha256: 'c'.repeat(64),
        size: 10,
        terminalId: 'T-1',
        receivedAt: '2026-12-01T09:00:00.000Z',
        keyId: 'e'.repeat(32),
        signature: 'cw',
      }
      const chip = {
        verdict: 'not-checked' as const,
        reason: 'x',
        failedCheck: null,
        dataGroups: [],
        documentSigner: null,
        csca: null,
        checkedAt: null,
      }
      const received = await Promise.all(
        [one.files, two.files].map((files) =>
          files.markReceived(fileId, { receipt, simulated: false, chip, at: receipt.receivedAt }),
        ),
      )
      expect(received.sort()).toEqual([false, true])
      const reviewed = await Promise.all(
        [one.files, two.files].map((files, i) =>
          files.markReviewed(fileId, {
            state: 'approved',
            reason: null,
            reviewer: { id: `r${i}`, name: `R ${i}`, role: 'reviewer' },
            at: 't1',
          }),
        ),
      )
      expect(reviewed.filter(Boolean)).toHaveLength(1)
      const code = await one.invites.create({
        now: new Date(0),
        randomBytes: (n) => Buffer.alloc(n, 7),
      })
      const used = await Promise.all(
        [one.invites, two.invites].map((invites, i) =>
          invites.use(code, `T-${i}`, 'k'.repeat(32), new Date(1)),
        ),
      )
      expect(used.filter(Boolean)).toHaveLength(1)
      const nonce = await Promise.all(
        [one.nonces, two.nonces].map((nonces) => nonces.remember('T-1', 'n', 10_000, 5)),
      )
      expect(nonce.filter(Boolean)).toHaveLength(1)
    } finally {
      await two.db.close()
    }
  })

  it('keep one terminal’s feed whole when both append at once', async () => {
    const one = await openPg()
    const two = secondProcess(one.db)
    try {
      const fileId = await announceOne(one, '00000000-0000-4000-8000-000000000002')
      const appends = Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? one : two).statusEvents.append({
          terminalId: 'T-1',
          fileId,
          state: 'received',
          reason: null,
          at: `t${i}`,
        }),
      )
      const seqs = await Promise.all(appends)
      const page = await one.statusEvents.page('T-1', 0, 100)
      expect(page.items).toHaveLength(40)
      expect(page.lastSeq).toBe(Math.max(...seqs))
      expect(new Set(page.items.map((item) => item.at)).size).toBe(40)
    } finally {
      await two.db.close()
    }
  })
})
