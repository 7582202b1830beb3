import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../lib/sqlite/migrate'
import { databaseAtVersion } from '../test-helpers'
import { migrations } from './index'

const insertCheckpoint = `INSERT INTO audit_checkpoint
  (seq, terminal_id, key_id, public_key, head, count, at, prev_checkpoint, signature, hash)
  VALUES (?, 'T-1', 'k', 'pk', 'h', ?, 't', 'p', 's', ?)`

describe('migration 010: audit checkpoints', () => {
  it('upgrades a version-9 database, keeping its audit log', () => {
    const db = databaseAtVersion(9)
    db.prepare(
      `INSERT INTO audit_log (seq, at, actor, action, subject, details, prev_hash, hash)
       VALUES (1, 'now', 'system', 'core.started', NULL, NULL, ?, 'h1')`,
    ).run('0'.repeat(64))
    expect(migrate(db, migrations.slice(0, 10))).toEqual([10])
    expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(1)
    expect(db.prepare('SELECT count(*) FROM audit_checkpoint').pluck().get()).toBe(0)
    expect(db.prepare('SELECT count(*) FROM audit_ack').pluck().get()).toBe(0)
  })

  it('keeps checkpoints and acknowledgements append-only', () => {
    const db = databaseAtVersion(10)
    db.prepare(insertCheckpoint).run(5, 5, 'c5')
    expect(() => db.prepare("UPDATE audit_checkpoint SET head = 'x'").run()).toThrow(/append-only/)
    expect(() => db.prepare('DELETE FROM audit_checkpoint').run()).toThrow(/append-only/)
    db.prepare(`INSERT INTO audit_ack VALUES (5, 'T-1', 'h', 'c5', 't', 'k', 's', 'U', 't')`).run()
    expect(() => db.prepare('DELETE FROM audit_ack').run()).toThrow(/append-only/)
  })

  it('refuses a seq of 0 and a hash used twice', () => {
    const db = databaseAtVersion(10)
    expect(() => db.prepare(insertCheckpoint).run(0, 1, 'c0')).toThrow(/CHECK/)
    db.prepare(insertCheckpoint).run(1, 1, 'c1')
    expect(() => db.prepare(insertCheckpoint).run(2, 2, 'c1')).toThrow(/UNIQUE/)
  })
})
