import { describe, expect, it } from 'vitest'
import { usePostgresDatabases } from '../../../../tests/support/postgres'
import { rateWindowsContract } from '../contract/rate-windows-contract'
import { upstreamPgMigrations } from './migrations'
import { openPostgres } from './pg-database'
import { createPgRateWindows } from './pg-rate-windows'

const databases = usePostgresDatabases()

describe('rate windows on PostgreSQL', () => {
  rateWindowsContract(async () =>
    createPgRateWindows((await databases.open(upstreamPgMigrations)).pool),
  )

  it('are one count for a terminal however many processes its requests reach', async () => {
    const db = await databases.open(upstreamPgMigrations)
    const other = openPostgres(db.url, { max: 4 })
    try {
      const processes = [createPgRateWindows(db.pool), createPgRateWindows(other.pool)]
      const at = 1_800_000_000_000
      const counts = await Promise.all(
        Array.from({ length: 20 }, (_, i) => processes[i % 2]!.incr('T-1', at + i, 60_000)),
      )
      expect(counts.map((c) => c.current).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 20 }, (_, i) => i + 1),
      )
    } finally {
      await other.close()
    }
  })
})
