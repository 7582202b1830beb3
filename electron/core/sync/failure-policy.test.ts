import { describe, expect, it } from 'vitest'
import type { QueueEntry } from '../store'
import { decideFailure, endsPass } from './failure-policy'
import { LocalBodyError } from './uploader'
import { UpstreamRequestError } from './upstream-error'

const settings = { deadLetterAfter: 3, backoffBaseMs: 1000, backoffMaxMs: 60_000 }
const half = () => 0.5

function entry(attempts: number, permanentFailures: number): QueueEntry {
  return { attempts, permanentFailures } as QueueEntry
}

const refusal = (errorClass: 'permanent' | 'retryable', code: 'bad_signature' | 'internal') =>
  new UpstreamRequestError('http', errorClass, `refused: ${code}`, 401, code)

describe('decideFailure', () => {
  it('dead-letters a permanent upstream refusal on the first attempt', () => {
    const decision = decideFailure(
      entry(0, 0),
      refusal('permanent', 'bad_signature'),
      settings,
      half,
    )
    expect(decision).toMatchObject({ outcome: 'dead', error: { code: 'bad_signature' } })
  })

  it('backs a retryable refusal off, doubling per attempt with equal jitter', () => {
    expect(decideFailure(entry(0, 0), refusal('retryable', 'internal'), settings, half)).toEqual({
      outcome: 'retry',
      error: expect.objectContaining({ code: 'internal' }) as unknown,
      delayMs: 750,
    })
    const third = decideFailure(entry(2, 0), refusal('retryable', 'internal'), settings, half)
    expect(third).toMatchObject({ outcome: 'retry', delayMs: 3000 })
  })

  it('gives a permanent protocol failure deadLetterAfter attempts', () => {
    const badReceipt = new UpstreamRequestError('protocol', 'permanent', 'receipt does not verify')
    expect(decideFailure(entry(1, 1), badReceipt, settings, half).outcome).toBe('retry')
    expect(decideFailure(entry(2, 2), badReceipt, settings, half)).toMatchObject({
      outcome: 'dead',
      error: { message: 'receipt does not verify' },
    })
  })

  it('dead-letters a body damaged on the station at once, and retries a station error', () => {
    const damaged = decideFailure(entry(0, 0), new LocalBodyError('damaged'), settings, half)
    expect(damaged).toMatchObject({ outcome: 'dead', error: { errorClass: 'permanent' } })
    const crash = decideFailure(entry(0, 0), new Error('EIO'), settings, half)
    expect(crash).toMatchObject({
      outcome: 'retry',
      error: { errorClass: 'retryable', message: expect.stringContaining('EIO') as unknown },
    })
  })
})

describe('endsPass', () => {
  it('ends the pass on network trouble and an overloaded upstream, not on a file refusal', () => {
    expect(endsPass(new UpstreamRequestError('network', 'retryable', 'reset'))).toBe(true)
    expect(endsPass(new UpstreamRequestError('http', 'retryable', 'busy', 503))).toBe(true)
    expect(endsPass(refusal('permanent', 'bad_signature'))).toBe(false)
    expect(endsPass(new Error('EIO'))).toBe(false)
  })
})
