import { describe, expect, it } from 'vitest'
import { usePostgresDatabases } from '../../../../tests/support/postgres'
import { terminal } from '../contract/registry-contract'
import { upstreamPgMigrations } from './migrations'
import type { PgDatabase } from './pg-database'
import { createPgFileRepository } from './pg-files'
import { createPgTerminalRepository } from './pg-registry'
import { poolScope, transactionScope } from './pg-scope'
import { createPgStatusEventRepository } from './pg-status-events'

const databases = usePostgresDatabases()
const FILE_ID = '00000000-0000-4000-8000-000000000001'

async function withFile(db: PgDatabase) {
  await createPgTerminalRepository(db.pool).upsert(terminal('T-1'))
  await createPgFileRepository(db.pool).announce({
    fileId: FILE_ID,
    terminalId: 'T-1',
    sha256: 'c'.repeat(64),
    size: 10,
    source: 'upload',
    at: 't0',
  })
}

const event = (at: string) =>
  ({ terminalId: 'T-1', fileId: FILE_ID, state: 'received', reason: null, at }) as const

/** Until another backend waits on a lock (its append blocked); false if `settled` came first. */
async function someoneWaitsOnALock(db: PgDatabase, settled: () => boolean): Promise<boolean> {
  for (let attempt = 0; attempt < 500 && !settled(); attempt++) {
    const { rows } = await db.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'",
    )
    if ((rows[0]?.n ?? 0) > 0) return true
  }
  return false
}

describe('the status feed on PostgreSQL', () => {
  it('takes a sequence number only once the terminal’s earlier append has committed', async () => {
    const db = await databases.open(upstreamPgMigrations)
    await withFile(db)
    const pooled = createPgStatusEventRepository(poolScope(db))
    let second: Promise<number> | undefined
    let secondSettled = false
    const first = await db.transaction(async (client) => {
      const seq = await createPgStatusEventRepository(transactionScope(client)).append(event('a'))
      second = pooled.append(event('b')).finally(() => (secondSettled = true))
      expect(await someoneWaitsOnALock(db, () => secondSettled)).toBe(true)
      const { rows } = await db.pool.query<{ last: number }>(
        "SELECT pg_sequence_last_value(pg_get_serial_sequence('status_events', 'seq')) AS last",
      )
      expect(rows[0]?.last).toBe(seq)
      return seq
    })
    expect(await second).toBeGreaterThan(first)
    expect((await pooled.page('T-1', 0, 10)).items.map((item) => item.at)).toEqual(['a', 'b'])
  })
})
