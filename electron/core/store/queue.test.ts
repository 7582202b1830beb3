import { describe, expect, it } from 'vitest'
import { createQueueRepository, type NewQueueEntry } from './queue'
import { createReceiptRepository } from './receipts'
import { databaseAtVersion } from './test-helpers'

const T0 = '2026-11-26T08:00:00.000Z'
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString()
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`

function entry(n: number, overrides: Partial<NewQueueEntry> = {}): NewQueueEntry {
  return {
    fileId: id(n),
    sha256: String(n % 10).repeat(64),
    size: 1000 + n,
    upstreamKeyId: 'k'.repeat(32),
    officerId: 'officer-1',
    simulated: false,
    submittedAt: at(n),
    ...overrides,
  }
}

function setup() {
  const db = databaseAtVersion()
  return { db, queue: createQueueRepository(db), receipts: createReceiptRepository(db) }
}

describe('queue repository', () => {
  it('queues a file due at once and counts it as unsynced', () => {
    const { queue } = setup()
    queue.insert(entry(1))
    expect(queue.get(id(1))).toMatchObject({
      state: 'queued',
      attempts: 0,
      nextAttemptAt: at(1),
      simulated: false,
      upstreamState: null,
    })
    expect(queue.due(at(1), 10).map((e) => e.fileId)).toEqual([id(1)])
    expect(queue.due(at(0), 10)).toEqual([])
    expect(queue.unsyncedCount()).toBe(1)
    expect(queue.oldestUnsyncedAt()).toBe(at(1))
  })

  it('schedules retries, dead-letters with a reason, and requeues', () => {
    const { queue } = setup()
    queue.insert(entry(1))
    queue.recordFailure(id(1), {
      error: 'HTTP 503',
      at: at(2),
      nextAttemptAt: at(7),
      permanent: false,
    })
    queue.recordFailure(id(1), {
      error: 'refused',
      at: at(8),
      nextAttemptAt: at(20),
      permanent: true,
    })
    expect(queue.get(id(1))).toMatchObject({
      attempts: 2,
      permanentFailures: 1,
      lastError: 'refused',
      nextAttemptAt: at(20),
    })
    expect(queue.due(at(19), 10)).toEqual([])
    queue.markDead(id(1), 'Từ chối / Refused', at(21))
    expect(queue.get(id(1))).toMatchObject({ state: 'dead', deadReason: 'Từ chối / Refused' })
    expect(queue.due(at(99), 10)).toEqual([])
    expect(queue.unsyncedCount()).toBe(1)
    expect(queue.requeue(id(1), at(30))).toBe(true)
    expect(queue.get(id(1))).toMatchObject({
      state: 'queued',
      permanentFailures: 0,
      nextAttemptAt: at(30),
    })
    expect(queue.requeue(id(1), at(30))).toBe(false)
  })

  it('summarises states and upstream verdicts, and bytes still on disk', () => {
    const { queue } = setup()
    for (let n = 1; n <= 6; n++) queue.insert(entry(n))
    for (const n of [1, 2, 3]) queue.markSent(id(n), at(10))
    queue.markDead(id(4), 'reason', at(10))
    expect(queue.setUpstreamState(id(1), 'approved', null, at(11))).toBe(true)
    expect(queue.setUpstreamState(id(2), 'rejected', 'blurred', at(11))).toBe(true)
    expect(queue.setUpstreamState(id(99), 'approved', null, at(11))).toBe(false)
    queue.markBodyDeleted(id(3), at(12))
    expect(queue.summary()).toEqual({
      total: 6,
      queued: 2,
      sent: 3,
      dead: 1,
      received: 0,
      approved: 1,
      rejected: 1,
      bytesOnDisk: [1, 2, 4, 5, 6].reduce((sum, n) => sum + 1000 + n, 0),
      oldestQueuedAt: at(5),
      nextAttemptAt: at(5),
    })
    expect(queue.get(id(2))?.upstreamReason).toBe('blurred')
  })

  it('lists newest first with keyset paging and a state filter', () => {
    const { queue } = setup()
    for (let n = 1; n <= 7; n++) queue.insert(entry(n))
    queue.markDead(id(2), 'r', at(9))
    const first = queue.list({ limit: 3 })
    expect(first.map((e) => e.fileId)).toEqual([id(7), id(6), id(5)])
    const second = queue.list({ limit: 3, before: first.at(-1)!.submittedAt })
    expect(second.map((e) => e.fileId)).toEqual([id(4), id(3), id(2)])
    expect(queue.list({ state: 'dead' }).map((e) => e.fileId)).toEqual([id(2)])
    expect([...queue.queuedFiles()].map((f) => f.fileId)).toEqual([1, 3, 4, 5, 6, 7].map(id))
  })

  it('offers for retention only sent files whose receipt is older than the cutoff', () => {
    const { queue, receipts } = setup()
    for (const n of [1, 2, 3]) queue.insert(entry(n))
    for (const n of [1, 2]) {
      queue.markSent(id(n), at(10 * n))
      receipts.insert(
        {
          fileId: id(n),
          sha256: String(n).repeat(64),
          size: 1000 + n,
          terminalId: 't',
          receivedAt: at(10 * n),
          keyId: 'k',
          signature: 's',
        },
        at(10 * n),
      )
    }
    expect(queue.retentionDue(at(15), 10)).toEqual([id(1)])
    expect(queue.retentionDue(at(25), 10).sort()).toEqual([id(1), id(2)])
    queue.markBodyDeleted(id(1), at(30))
    expect(queue.retentionDue(at(25), 10)).toEqual([id(2)])
    expect(receipts.count()).toBe(2)
  })
})
