import { describe, expect, it } from 'vitest'
import { VirtualClock } from '../../../lib/clock'
import { startUploadPurge, UPLOAD_PURGE_EVERY_MS } from './upload-purge'

describe('the periodic purge of unfinished uploads', () => {
  it('purges every interval, logs a failed pass and tries again, and stops', async () => {
    const clock = new VirtualClock()
    const logged: string[] = []
    let calls = 0
    const purge = async () => {
      calls++
      if (calls === 2) throw new Error('database away')
      return 1
    }
    const timer = startUploadPurge(purge, { clock, log: (m) => logged.push(m) })
    await clock.advance(UPLOAD_PURGE_EVERY_MS - 1)
    expect(calls).toBe(0)
    await clock.advance(1)
    expect(calls).toBe(1)
    await clock.advance(UPLOAD_PURGE_EVERY_MS)
    expect(calls).toBe(2)
    expect(logged).toEqual(['upload purge failed'])
    await clock.advance(UPLOAD_PURGE_EVERY_MS)
    expect(calls).toBe(3)
    await timer.stop()
    await clock.advance(10 * UPLOAD_PURGE_EVERY_MS)
    expect(calls).toBe(3)
    expect(clock.pending).toBe(0)
  })
})
