import { describe, expect, it } from 'vitest'
import { migrate, schemaVersion } from '../../../../lib/sqlite'
import { upstreamDatabaseAtVersion } from '../test-helpers'
import { upstreamMigrations } from './index'

describe('upstream migration 011: unfinished uploads', () => {
  it('indexes receiving files by terminal; the quota and expiry queries use an index', () => {
    const db = upstreamDatabaseAtVersion(10)
    expect(migrate(db, upstreamMigrations.slice(0, 11))).toEqual([11])
    expect(schemaVersion(db)).toBe(11)
    const plan = (sql: string) =>
      db
        .prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
        .all()
        .map((row) => row.detail)
        .join('; ')
    expect(
      plan(`SELECT count(*), sum(size) FROM files WHERE terminal_id = 'T' AND state = 'receiving'`),
    ).toMatch(/files_unfinished_by_terminal/)
    expect(
      plan(`SELECT file_id FROM files WHERE state = 'receiving' AND announced_at < '2026'`),
    ).toMatch(/USING INDEX/)
  })
})
