import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../lib/sqlite'
import { upstreamDatabaseAtVersion } from '../test-helpers'
import { upstreamMigrations } from './index'

describe('upstream migration 007: chip verification', () => {
  it('upgrades a version-6 database: old files keep no verdict, new verdicts are checked', () => {
    const db = upstreamDatabaseAtVersion(6)
    db.prepare("INSERT INTO terminals VALUES ('T-1', 'key', ?, 'ed25519', 't0')").run(
      'k'.repeat(32),
    )
    const insert = db.prepare(
      `INSERT INTO files (file_id, terminal_id, sha256, size, state, source, announced_at)
       VALUES (?, 'T-1', ?, 10, 'receiving', 'upload', 't0')`,
    )
    insert.run('old', 'a'.repeat(64))
    expect(migrate(db, upstreamMigrations.slice(0, 7))).toEqual([7])
    expect(
      db.prepare("SELECT chip_verdict, chip_json FROM files WHERE file_id = 'old'").get(),
    ).toEqual({ chip_verdict: null, chip_json: null })
    const set = db.prepare('UPDATE files SET chip_verdict = ?, chip_json = ? WHERE file_id = ?')
    set.run('untrusted', '{"verdict":"untrusted"}', 'old')
    expect(() => set.run('maybe', null, 'old')).toThrow(/CHECK/)
    expect(() => set.run('valid', '{not json', 'old')).toThrow(/CHECK/)
  })
})
