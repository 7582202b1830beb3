import { describe, expect, it } from 'vitest'
import { DEFAULT_FREEZE_LIMITS } from '../config'
import { evaluateFreeze, type FreezeFacts } from './freeze'

const now = new Date('2026-11-26T08:00:00Z')
const fine: FreezeFacts = {
  registered: true,
  freeDiskBytes: 10 * 1024 ** 3,
  unsyncedFiles: 3,
  lastSyncAt: '2026-11-26T07:00:00Z',
  now,
}
const limits = { minFreeDiskMb: 500, maxUnsyncedFiles: 100, maxHoursSinceSync: 48 }

describe('freeze rules', () => {
  it('let a healthy station enroll', () => {
    expect(evaluateFreeze(fine, limits)).toBeNull()
    expect(evaluateFreeze(fine, DEFAULT_FREEZE_LIMITS)).toBeNull()
  })

  it.each([
    [{ registered: false }, 'not-registered', /not registered/],
    [{ freeDiskBytes: 499 * 1024 * 1024 }, 'disk-low', /499 MB free, 500 MB needed/],
    [{ unsyncedFiles: 100 }, 'too-many-unsynced', /100 \(limit 100\)/],
    [{ lastSyncAt: '2026-11-24T07:00:00Z' }, 'sync-overdue', /49 h \(limit 48 h\)/],
  ] as const)('refuse when %o', (change, code, message) => {
    const reason = evaluateFreeze({ ...fine, ...change }, limits)
    expect(reason?.code).toBe(code)
    expect(reason?.message).toMatch(message)
    expect(reason?.message).toMatch(/^[^/]+ \/ [^/]+/)
  })

  it('stay open exactly at the limits that are not reached yet', () => {
    expect(evaluateFreeze({ ...fine, freeDiskBytes: 500 * 1024 * 1024 }, limits)).toBeNull()
    expect(evaluateFreeze({ ...fine, unsyncedFiles: 99 }, limits)).toBeNull()
    expect(evaluateFreeze({ ...fine, lastSyncAt: '2026-11-24T08:00:00Z' }, limits)).toBeNull()
    expect(evaluateFreeze({ ...fine, lastSyncAt: null }, limits)).toBeNull()
  })
})
