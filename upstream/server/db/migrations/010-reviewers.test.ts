import { describe, expect, it } from 'vitest'
import { migrate, schemaVersion } from '../../../../lib/sqlite'
import { upstreamDatabaseAtVersion } from '../test-helpers'
import { upstreamMigrations } from './index'

describe('upstream migration 010: reviewer accounts and sessions', () => {
  it('adds accounts, sessions and the decider of each file, keeping decided files', () => {
    const db = upstreamDatabaseAtVersion(9)
    db.prepare("INSERT INTO terminals VALUES ('T-1', 'key', ?, 'ed25519', 't0')").run(
      'k'.repeat(32),
    )
    db.prepare(
      `INSERT INTO files (file_id, terminal_id, sha256, size, state, source, announced_at,
         receipt_json, reviewer, reviewed_at)
       VALUES ('f1', 'T-1', ?, 10, 'approved', 'upload', 't0', '{}', 'reviewer', 't1')`,
    ).run('a'.repeat(64))
    expect(migrate(db, upstreamMigrations.slice(0, 10))).toEqual([10])
    expect(schemaVersion(db)).toBe(10)
    expect(db.prepare('SELECT reviewer, reviewer_name, reviewer_role FROM files').get()).toEqual({
      reviewer: 'reviewer',
      reviewer_name: null,
      reviewer_role: null,
    })
    const account = db.prepare(
      `INSERT INTO reviewers (reviewer_id, display_name, role, password_hash, created_at)
       VALUES (?, 'Lê Thị Hoa', ?, 'scrypt$…', 't2')`,
    )
    account.run('hoa', 'senior')
    expect(() => account.run('hoa', 'reviewer')).toThrow(/UNIQUE/)
    expect(() => account.run('lan', 'admin')).toThrow(/CHECK/)
    expect(
      db.prepare("SELECT disabled, failed_attempts FROM reviewers WHERE reviewer_id = 'hoa'").get(),
    ).toEqual({ disabled: 0, failed_attempts: 0 })
    const session = db.prepare(`INSERT INTO reviewer_sessions VALUES (?, ?, 't3', 't3', 't4')`)
    session.run('b'.repeat(64), 'hoa')
    expect(() => session.run('short', 'hoa')).toThrow(/CHECK/)
    expect(() => session.run('c'.repeat(64), 'nobody')).toThrow(/FOREIGN KEY/)
    expect(() =>
      db.prepare("UPDATE files SET reviewer_role = 'admin' WHERE file_id = 'f1'").run(),
    ).toThrow(/CHECK/)
  })
})
