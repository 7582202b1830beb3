import { describe, expect, it } from 'vitest'
import type { AsyncRepository } from '../async-repository'
import type { NewSms, SmsOutbox } from '../sms-outbox'

/** One backend's SMS outbox on an empty, migrated database, with what its tests reach past it. */
export interface SmsOutboxUnderTest {
  outbox: AsyncRepository<SmsOutbox>
  /** Approved files (a notice refers to its file). */
  approvedFiles(...fileIds: string[]): Promise<void>
  /** Every sms_notices row, every column, as stored. */
  storedNotices(): Promise<unknown[]>
  /** Copies one notice's sealed number onto another row (a tampered database). */
  copySealedPhone(fromId: number, toId: number): Promise<void>
}

export const T0 = new Date('2026-12-02T08:00:00.000Z')
export const later = (ms: number) => new Date(T0.getTime() + ms)

export const notice = (fileId: string, phone = '0912345678'): NewSms => ({
  fileId,
  kind: 'approval',
  phone,
  bodyVi: `Thông báo ${fileId}`,
  bodyEn: `Notice ${fileId}`,
  createdAt: T0.toISOString(),
})

async function opened(open: () => Promise<SmsOutboxUnderTest>, ...fileIds: string[]) {
  const backend = await open()
  await backend.approvedFiles(...fileIds)
  return backend
}

/** The behaviours both outboxes share; run on SQLite and on PostgreSQL. */
export function smsOutboxContract(open: () => Promise<SmsOutboxUnderTest>): void {
  describe('the SMS outbox', () => {
    deliveryContract(open)
    keepingContract(open)
  })
}

/** What the sender drains and the receipts settle. */
function deliveryContract(open: () => Promise<SmsOutboxUnderTest>): void {
  it('keeps the number sealed: nowhere in the database in clear, masked in the list', async () => {
    const { outbox, storedNotices } = await opened(open, 'f1')
    const id = await outbox.add(notice('f1', '0987654321'))
    expect(JSON.stringify(await storedNotices())).not.toContain('0987654321')
    expect((await outbox.list(10))[0]).toMatchObject({ phone: '098****321', status: 'pending' })
    expect(await outbox.due(T0, 10)).toEqual([
      { id, phone: '0987654321', text: 'Thông báo f1', attempts: 0 },
    ])
  })

  it('hands out only what is due, and settles a notice once every part is delivered', async () => {
    const { outbox } = await opened(open, 'f1', 'f2')
    const a = await outbox.add(notice('f1'))
    const b = await outbox.add(notice('f2'))
    await outbox.retryLater(b, 1, later(30_000), 'submit_sm 0x00000008')
    expect((await outbox.due(T0, 10)).map((n) => n.id)).toEqual([a])
    await outbox.submitted(a, ['m1', 'm2'], later(1))
    expect(await outbox.receipt('m1', 'delivered', later(2))).toBe(true)
    expect((await outbox.forFile('f1'))?.status).toBe('submitted')
    await outbox.receipt('m2', 'delivered', later(3))
    expect(await outbox.forFile('f1')).toMatchObject({
      status: 'delivered',
      finishedAt: later(3).toISOString(),
      sentAt: later(1).toISOString(),
    })
    expect(await outbox.due(later(30_000), 10)).toEqual([
      { id: b, phone: '0912345678', text: 'Thông báo f2', attempts: 1 },
    ])
  })

  it('marks a notice undelivered when any part fails, with the state as the reason', async () => {
    const { outbox } = await opened(open, 'f1')
    const id = await outbox.add(notice('f1'))
    await outbox.submitted(id, ['m1', 'm2'], later(1))
    await outbox.receipt('m2', 'expired', later(2))
    expect(await outbox.forFile('f1')).toMatchObject({
      status: 'undelivered',
      lastError: 'expired',
    })
    // A late receipt of another part matches, and changes nothing once settled.
    expect(await outbox.receipt('m1', 'delivered', later(3))).toBe(true)
    expect((await outbox.forFile('f1'))?.status).toBe('undelivered')
  })

  it('ignores receipts for message ids it never sent', async () => {
    const { outbox } = await opened(open, 'f1')
    await outbox.add(notice('f1'))
    expect(await outbox.receipt('nope', 'delivered', later(1))).toBe(false)
    expect((await outbox.forFile('f1'))?.status).toBe('pending')
  })

  it('gives a notice up with its reason, and keeps a rejection apart from an approval', async () => {
    const { outbox } = await opened(open, 'f1')
    await outbox.add(notice('f1'))
    const rejection = await outbox.add({ ...notice('f1'), kind: 'rejection', bodyVi: 'Từ chối' })
    await outbox.failed(rejection, 'not a Vietnamese mobile number', later(1))
    expect(await outbox.forFile('f1', 'rejection')).toMatchObject({
      status: 'failed',
      lastError: 'not a Vietnamese mobile number',
      finishedAt: later(1).toISOString(),
    })
    expect((await outbox.forFile('f1'))?.status).toBe('pending')
    expect(await outbox.forFile('f2')).toBeUndefined()
    await expect(outbox.add(notice('f1'))).rejects.toThrow()
  })
}

/** How the numbers are kept: forgotten after the retention, never opened on another row. */
function keepingContract(open: () => Promise<SmsOutboxUnderTest>): void {
  it('forgets the numbers of finished notices after the retention, not before', async () => {
    const { outbox, storedNotices } = await opened(open, 'f1', 'f2')
    const done = await outbox.add(notice('f1'))
    await outbox.add(notice('f2'))
    await outbox.submitted(done, ['m1'], later(1))
    await outbox.receipt('m1', 'delivered', later(2))
    expect(await outbox.purge(later(2), later(10))).toBe(0)
    expect(await outbox.purge(later(3), later(10))).toBe(1)
    expect(await outbox.purge(later(3), later(11))).toBe(0)
    expect(await storedNotices()).toMatchObject([
      { file_id: 'f1', phone_sealed: null, purged_at: later(10).toISOString() },
      { file_id: 'f2', purged_at: null },
    ])
    expect((await outbox.forFile('f1'))?.phone).toBe('')
    expect((await outbox.forFile('f2'))?.phone).toBe('091****678')
  })

  it('gives up a notice whose sealed number does not open (moved from another row)', async () => {
    const { outbox, copySealedPhone } = await opened(open, 'f1', 'f2')
    const one = await outbox.add(notice('f1', '0900000001'))
    const two = await outbox.add(notice('f2', '0900000002'))
    await copySealedPhone(one, two)
    expect((await outbox.due(T0, 10)).map((n) => n.phone)).toEqual(['0900000001'])
    expect(await outbox.forFile('f2')).toMatchObject({
      status: 'failed',
      lastError: 'sealed number unreadable',
    })
  })

  it('keeps a notice handed back due, and leaves a recorded outcome alone', async () => {
    const { outbox } = await opened(open, 'f1', 'f2')
    const a = await outbox.add(notice('f1'))
    const b = await outbox.add(notice('f2'))
    expect(await outbox.due(T0, 10)).toHaveLength(2)
    await outbox.submitted(a, ['m1'], later(1))
    await outbox.handBack([a, b], later(1))
    expect((await outbox.due(later(1), 10)).map((n) => n.id)).toEqual([b])
    expect((await outbox.forFile('f1'))?.status).toBe('submitted')
    expect(await outbox.sealLegacy()).toBe(0)
  })
}
