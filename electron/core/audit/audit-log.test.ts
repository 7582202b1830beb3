import { describe, expect, it } from 'vitest'
import { databaseAtVersion } from '../store/test-helpers'
import { createAuditLog, GENESIS_HASH } from './audit-log'

const clock = () => {
  let t = Date.parse('2026-11-26T08:00:00Z')
  return () => new Date((t += 1000))
}

describe('audit log', () => {
  it('chains each entry to the one before', () => {
    const db = databaseAtVersion()
    const log = createAuditLog(db, clock())
    const first = log.append({ actor: 'system', action: 'core.started' })
    const second = log.append({
      actor: 'officer-7',
      action: 'file.submitted',
      subject: 'file-1',
      details: { parts: 4 },
    })
    expect(first.seq).toBe(1)
    expect(first.prevHash).toBe(GENESIS_HASH)
    expect(second.prevHash).toBe(first.hash)
    expect(second.hash).toMatch(/^[0-9a-f]{64}$/)
    expect(log.verify()).toBeNull()
    expect(log.recent(1)).toEqual([second])
  })

  it('finds the first entry that was edited behind its back', () => {
    const db = databaseAtVersion()
    const log = createAuditLog(db, clock())
    for (const action of ['a', 'b', 'c']) log.append({ actor: 'system', action })
    // Someone with raw access drops the guard and rewrites history.
    db.exec('DROP TRIGGER audit_log_no_update')
    db.prepare("UPDATE audit_log SET actor = 'intruder' WHERE seq = 2").run()
    expect(log.verify()).toBe(2)
  })

  it('finds a deleted entry by the broken link after it', () => {
    const db = databaseAtVersion()
    const log = createAuditLog(db, clock())
    for (const action of ['a', 'b', 'c']) log.append({ actor: 'system', action })
    db.exec('DROP TRIGGER audit_log_no_delete')
    db.prepare('DELETE FROM audit_log WHERE seq = 2').run()
    expect(log.verify()).toBe(3)
  })
})
