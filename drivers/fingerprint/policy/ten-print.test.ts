import { describe, expect, it, vi } from 'vitest'
import type { FingerName } from '../finger-image'
import { syntheticFingerImage, SYNTHETIC_SIZES } from '../synthetic'
import { TenPrintPolicyError } from './errors'
import { TenPrintSession } from './ten-print'

vi.setConfig({ testTimeout: 300_000 })

const clock = () => {
  let t = Date.parse('2026-05-01T08:00:00Z')
  return () => new Date((t += 1000))
}
const blank = { width: 2, height: 2, ppi: 500, pixels: new Uint8Array(4) }
const score = (n: number) => ({ score: n, source: 'kiosk-quality-score' as const })

describe('ten-print policy', () => {
  it('asks for all ten flat fingers by default, in ISO order', () => {
    const s = new TenPrintSession({}, clock())
    expect(s.policy.fingers).toHaveLength(10)
    expect(s.nextFinger()).toBe('right-thumb')
    expect(s.summary().fingers.every((f) => f.status === 'pending')).toBe(true)
  })

  it('keeps the best of the allowed attempts and stops at the limit', () => {
    const s = new TenPrintSession(
      { fingers: ['left-index'], maxAttempts: 3, acceptScore: 60 },
      clock(),
    )
    expect(s.recordAttempt('left-index', blank, score(30)).status).toBe('retry')
    const second = { ...blank }
    expect(s.recordAttempt('left-index', second, score(45)).status).toBe('retry')
    const third = s.recordAttempt('left-index', { ...blank }, score(35))
    expect(third.status).toBe('best-kept')
    expect(third.best?.image).toBe(second)
    expect(third.best?.quality.score).toBe(45)
    expect(() => s.recordAttempt('left-index', blank, score(90))).toThrow(TenPrintPolicyError)
    expect(s.nextFinger()).toBeNull()
  })

  it('accepts a finger at once when it reaches the score', () => {
    const s = new TenPrintSession(
      { fingers: ['left-index', 'left-middle'], acceptScore: 40 },
      clock(),
    )
    expect(s.recordAttempt('left-index', blank, score(41)).status).toBe('accepted')
    expect(s.nextFinger()).toBe('left-middle')
    expect(() => s.recordAttempt('left-index', blank, score(80))).toThrow(
      /No capture attempts left/,
    )
    expect(() => s.recordAttempt('right-thumb', blank, score(80))).toThrow(
      /not among those to capture/,
    )
  })

  it('excuses a missing finger only with another person, a supervisor, approving', () => {
    const s = new TenPrintSession({ fingers: ['right-ring'] }, clock())
    s.declareMissing('right-ring', 'scarred', 'officer-7', 'old burn')
    expect(s.state('right-ring').exception?.reason).toBe('scarred')
    s.withdrawException('right-ring')
    s.declareMissing('right-ring', 'bandaged', 'officer-7', 'burn dressing')
    expect(s.state('right-ring').status).toBe('exception-pending')
    expect(s.summary().complete).toBe(false)
    expect(() => s.recordAttempt('right-ring', blank, score(90))).toThrow(TenPrintPolicyError)
    expect(() => s.approveException('right-ring', { id: 'officer-8', role: 'officer' })).toThrow(
      expect.objectContaining({ code: 'not-a-supervisor' }),
    )
    expect(() => s.approveException('right-ring', { id: 'officer-7', role: 'supervisor' })).toThrow(
      expect.objectContaining({ code: 'self-approval' }),
    )
    const approved = s.approveException('right-ring', { id: 'sup-1', role: 'supervisor' })
    expect(approved.status).toBe('exception-approved')
    expect(approved.exception).toMatchObject({
      reason: 'bandaged',
      declaredBy: 'officer-7',
      approvedBy: 'sup-1',
    })
    expect(approved.exception?.approvedAt?.getTime()).toBeGreaterThan(
      approved.exception!.declaredAt.getTime(),
    )
    expect(() => s.declareMissing('right-ring', 'lost' as 'amputated', 'officer-7')).toThrow(
      expect.objectContaining({ code: 'unknown-reason' }),
    )
    s.checkDuplicates()
    expect(s.summary().complete).toBe(true)
    s.withdrawException('right-ring')
    expect(s.state('right-ring').status).toBe('pending')
  })

  it('catches the same finger presented twice and completes once it is recaptured', () => {
    const fingers: FingerName[] = ['right-thumb', 'right-index', 'right-middle', 'right-ring']
    const s = new TenPrintSession({ fingers }, clock())
    const take = (finger: FingerName, attempt = 0) =>
      syntheticFingerImage({
        citizenId: '001099000030',
        finger,
        attempt,
        size: SYNTHETIC_SIZES.r30x,
      })
    for (const f of fingers) {
      // The citizen puts the right index down again when asked for the right middle.
      const image = f === 'right-middle' ? take('right-index', 1) : take(f)
      s.recordAttempt(f, image, score(80))
    }
    expect(s.summary().complete).toBe(false)
    // Found as the right middle arrives, before the final check.
    expect(s.duplicatesOf('right-middle').map((d) => [d.a, d.b])).toEqual([
      ['right-index', 'right-middle'],
    ])
    const duplicates = s.checkDuplicates()
    expect(duplicates.map((d) => [d.a, d.b])).toEqual([['right-index', 'right-middle']])
    expect(s.summary().complete).toBe(false)
    s.discardAttempts('right-middle')
    s.recordAttempt('right-middle', take('right-middle'), score(80))
    expect(s.summary().duplicates).toBeNull()
    expect(s.checkDuplicates()).toEqual([])
    expect(s.summary().complete).toBe(true)
  })
})
