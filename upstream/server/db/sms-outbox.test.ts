import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createSmsOutbox, type NewSms } from './sms-outbox'
import { upstreamDatabaseAtVersion } from './test-helpers'

const KEY = randomBytes(32)
const T0 = new Date('2026-12-02T08:00:00.000Z')
const later = (ms: number) => new Date(T0.getTime() + ms)

function outboxWithFiles(...fileIds: string[]) {
  const db = upstreamDatabaseAtVersion()
  db.prepare("INSERT INTO terminals VALUES ('T-1', 'key', ?, 'ed25519', 't0')").run('k'.repeat(32))
  for (const [i, fileId] of fileIds.entries()) {
    db.prepare(
      `INSERT INTO files (file_id, terminal_id, sha256, size, state, source, announced_at, receipt_json)
       VALUES (?, 'T-1', ?, 10, 'approved', 'upload', 't0', '{}')`,
    ).run(fileId, String(i).repeat(64))
  }
  return { db, outbox: createSmsOutbox(db, { key: KEY, randomBytes }) }
}

const notice = (fileId: string, phone = '0912345678'): NewSms => ({
  fileId,
  kind: 'approval',
  phone,
  bodyVi: `Thông báo ${fileId}`,
  bodyEn: `Notice ${fileId}`,
  createdAt: T0.toISOString(),
})

describe('the SMS outbox', () => {
  it('keeps the number sealed: nowhere in the database in clear, masked in the list', () => {
    const { db, outbox } = outboxWithFiles('f1')
    outbox.add(notice('f1', '0987654321'))
    const everything = JSON.stringify(db.prepare('SELECT * FROM sms_notices').all())
    expect(everything).not.toContain('0987654321')
    expect(outbox.list(10)[0]).toMatchObject({ phone: '098****321', status: 'pending' })
    expect(outbox.due(T0, 10)).toEqual([
      { id: 1, phone: '0987654321', text: 'Thông báo f1', attempts: 0 },
    ])
  })

  it('hands out only what is due, and settles a notice once every part is delivered', () => {
    const { outbox } = outboxWithFiles('f1', 'f2')
    const a = outbox.add(notice('f1'))
    const b = outbox.add(notice('f2'))
    outbox.retryLater(b, 1, later(30_000), 'submit_sm 0x00000008')
    expect(outbox.due(T0, 10).map((n) => n.id)).toEqual([a])
    outbox.submitted(a, ['m1', 'm2'], later(1))
    expect(outbox.receipt('m1', 'delivered', later(2))).toBe(true)
    expect(outbox.forFile('f1')?.status).toBe('submitted')
    outbox.receipt('m2', 'delivered', later(3))
    expect(outbox.forFile('f1')).toMatchObject({
      status: 'delivered',
      finishedAt: later(3).toISOString(),
    })
    expect(outbox.due(later(30_000), 10)).toEqual([
      { id: b, phone: '0912345678', text: 'Thông báo f2', attempts: 1 },
    ])
  })

  it('marks a notice undelivered when any part fails, with the state as the reason', () => {
    const { outbox } = outboxWithFiles('f1')
    const id = outbox.add(notice('f1'))
    outbox.submitted(id, ['m1', 'm2'], later(1))
    outbox.receipt('m2', 'expired', later(2))
    expect(outbox.forFile('f1')).toMatchObject({ status: 'undelivered', lastError: 'expired' })
    // A late receipt of another part matches, and changes nothing once settled.
    expect(outbox.receipt('m1', 'delivered', later(3))).toBe(true)
    expect(outbox.forFile('f1')?.status).toBe('undelivered')
  })

  it('ignores receipts for message ids it never sent', () => {
    const { outbox } = outboxWithFiles('f1')
    outbox.add(notice('f1'))
    expect(outbox.receipt('nope', 'delivered', later(1))).toBe(false)
    expect(outbox.forFile('f1')?.status).toBe('pending')
  })

  it('forgets the numbers of finished notices after the retention, not before', () => {
    const { db, outbox } = outboxWithFiles('f1', 'f2')
    const done = outbox.add(notice('f1'))
    outbox.add(notice('f2'))
    outbox.submitted(done, ['m1'], later(1))
    outbox.receipt('m1', 'delivered', later(2))
    expect(outbox.purge(later(2), later(10))).toBe(0)
    expect(outbox.purge(later(3), later(10))).toBe(1)
    const sealed = db.prepare('SELECT file_id, phone_sealed FROM sms_notices ORDER BY id').all()
    expect(sealed).toMatchObject([{ file_id: 'f1', phone_sealed: null }, { file_id: 'f2' }])
    expect(outbox.forFile('f1')?.phone).toBe('')
    expect(outbox.forFile('f2')?.phone).toBe('091****678')
  })

  it('gives up a notice whose sealed number does not open (moved from another row)', () => {
    const { db, outbox } = outboxWithFiles('f1', 'f2')
    outbox.add(notice('f1', '0900000001'))
    outbox.add(notice('f2', '0900000002'))
    db.exec(
      'UPDATE sms_notices SET phone_sealed = (SELECT phone_sealed FROM sms_notices WHERE id = 1) WHERE id = 2',
    )
    expect(outbox.due(T0, 10).map((n) => n.phone)).toEqual(['0900000001'])
    expect(outbox.forFile('f2')).toMatchObject({
      status: 'failed',
      lastError: 'sealed number unreadable',
    })
  })

  it('seals the clear numbers an older database left', () => {
    const { db, outbox } = outboxWithFiles('f1')
    db.prepare(
      `INSERT INTO sms_notices (file_id, kind, phone_legacy, body_vi, body_en, created_at, next_at)
       VALUES ('f1', 'approval', '0911111111', 'vi', 'en', ?, ?)`,
    ).run(T0.toISOString(), T0.toISOString())
    expect(outbox.sealLegacy()).toBe(1)
    expect(JSON.stringify(db.prepare('SELECT * FROM sms_notices').all())).not.toContain(
      '0911111111',
    )
    expect(outbox.due(T0, 10)[0]?.phone).toBe('0911111111')
    expect(outbox.sealLegacy()).toBe(0)
  })
})
