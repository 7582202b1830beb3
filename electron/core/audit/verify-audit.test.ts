import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SqliteDatabase } from '../../../lib/sqlite/database'
import { rechain, tamper, verifyAuditFile, writeAuditFile } from './test-helpers'

let dir: string
let file: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'audit-verify-'))
  file = join(dir, 'kiosk.db')
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** Moves entry `from` to seq `to` (seq is the rowid, so this is how rows change places). */
function moveSeq(db: SqliteDatabase, from: number, to: number): void {
  db.prepare('UPDATE audit_log SET seq = ? WHERE seq = ?').run(to, from)
}

/** Puts a forged entry at seq `after + 1`, dated like entry `after` and linked to it. */
function forgeEntryAfter(db: SqliteDatabase, after: number): void {
  const before = db
    .prepare<[number], { at: string; hash: string }>('SELECT at, hash FROM audit_log WHERE seq = ?')
    .get(after)
  db.prepare(
    `INSERT INTO audit_log (seq, at, actor, action, subject, details, prev_hash, hash)
     VALUES (?, ?, 'intruder', 'test.step', NULL, NULL, ?, 'not-yet')`,
  ).run(after + 1, before?.at, before?.hash)
}

describe('audit verify on a real database file, tampered with the triggers dropped', () => {
  it('finds an untouched log intact, with its checkpoints and acknowledgement', () => {
    writeAuditFile(file, { entries: 12, checkpointEvery: 4, acknowledge: true })
    const verdict = verifyAuditFile(file)
    expect(verdict).toMatchObject({
      intact: true,
      entries: 12,
      lastSeq: 12,
      checkpoints: 3,
      checkpointSeq: 12,
      acknowledgedSeq: 12,
      fault: null,
    })
  })

  it('names an edited entry', () => {
    writeAuditFile(file, { entries: 12, checkpointEvery: 4 })
    tamper(file, (db) => db.prepare("UPDATE audit_log SET actor = 'intruder' WHERE seq = 6").run())
    expect(verifyAuditFile(file).fault).toMatchObject({ kind: 'edited', seq: 6 })
  })

  it('names a deleted entry by the gap it leaves', () => {
    writeAuditFile(file, { entries: 12, checkpointEvery: 4 })
    tamper(file, (db) => db.prepare('DELETE FROM audit_log WHERE seq = 7').run())
    expect(verifyAuditFile(file).fault).toMatchObject({ kind: 'deleted', seq: 7 })
  })

  it('names a deleted entry when the entries after it were renumbered to hide the gap', () => {
    writeAuditFile(file, { entries: 12, checkpointEvery: 4 })
    tamper(file, (db) => {
      db.prepare('DELETE FROM audit_log WHERE seq = 7').run()
      for (let seq = 8; seq <= 12; seq++) moveSeq(db, seq, seq - 1)
    })
    expect(verifyAuditFile(file).fault).toMatchObject({ kind: 'deleted', seq: 7 })
  })

  it('catches an inserted entry with the whole chain recomputed by the signed checkpoints', () => {
    writeAuditFile(file, { entries: 12, checkpointEvery: 4 })
    tamper(file, (db) => {
      for (let seq = 12; seq >= 6; seq--) moveSeq(db, seq, seq + 1)
      forgeEntryAfter(db, 5)
      rechain(db, 6)
    })
    // The chain links up again: the checkpoint at 8 no longer matches, 1..4 are still vouched for.
    expect(verifyAuditFile(file).fault).toMatchObject({ kind: 'recomputed', seq: 5 })
  })

  it('names an inserted entry', () => {
    writeAuditFile(file, { entries: 12, checkpointEvery: 4 })
    tamper(file, (db) => {
      for (let seq = 12; seq >= 6; seq--) moveSeq(db, seq, seq + 1)
      forgeEntryAfter(db, 5)
      rechain(db, 6, 6)
    })
    expect(verifyAuditFile(file).fault).toMatchObject({ kind: 'inserted', seq: 6 })
  })

  it('names two entries that swapped places', () => {
    writeAuditFile(file, { entries: 12, checkpointEvery: 4 })
    tamper(file, (db) => {
      moveSeq(db, 5, -5)
      moveSeq(db, 6, 5)
      moveSeq(db, -5, 6)
    })
    expect(verifyAuditFile(file).fault).toMatchObject({ kind: 'reordered', seq: 5 })
  })

  it('names a rewritten entry whose chain was recomputed, against the signed checkpoint', () => {
    writeAuditFile(file, { entries: 12, checkpointEvery: 4 })
    tamper(file, (db) => {
      db.prepare("UPDATE audit_log SET actor = 'intruder' WHERE seq = 6").run()
      rechain(db, 6)
    })
    expect(verifyAuditFile(file).fault).toMatchObject({ kind: 'recomputed', seq: 5 })
  })

  it('names a cut-off tail against the checkpoints', () => {
    writeAuditFile(file, { entries: 12, checkpointEvery: 4 })
    tamper(file, (db) => db.prepare('DELETE FROM audit_log WHERE seq > 9').run())
    expect(verifyAuditFile(file).fault).toMatchObject({ kind: 'truncated', seq: 10 })
  })

  it("names a cut-off tail against the upstream's acknowledgement when the checkpoints are gone too", () => {
    writeAuditFile(file, { entries: 12, checkpointEvery: 4, acknowledge: true })
    tamper(file, (db) => {
      db.prepare('DELETE FROM audit_log WHERE seq > 10').run()
      db.prepare('DELETE FROM audit_checkpoint').run()
    })
    const verdict = verifyAuditFile(file)
    expect(verdict.checkpoints).toBe(0)
    expect(verdict.fault).toMatchObject({ kind: 'truncated', seq: 11 })
  })

  it('names a checkpoint whose head was rewritten to match a recomputed chain', () => {
    writeAuditFile(file, { entries: 12, checkpointEvery: 4 })
    tamper(file, (db) => {
      db.prepare("UPDATE audit_log SET actor = 'intruder' WHERE seq = 6").run()
      rechain(db, 6)
      const heads = db.prepare('SELECT seq, hash FROM audit_log WHERE seq IN (8, 12)').all() as {
        seq: number
        hash: string
      }[]
      for (const { seq, hash } of heads)
        db.prepare('UPDATE audit_checkpoint SET head = ? WHERE seq = ?').run(hash, seq)
    })
    expect(verifyAuditFile(file).fault).toMatchObject({ kind: 'checkpoint-forged', seq: 8 })
  })

  it('names a forged acknowledgement', () => {
    writeAuditFile(file, { entries: 12, checkpointEvery: 4, acknowledge: true })
    tamper(file, (db) => db.prepare('UPDATE audit_ack SET seq = 8').run())
    expect(verifyAuditFile(file).fault).toMatchObject({ kind: 'checkpoint-forged', seq: 8 })
  })
})
