import { expect, it } from 'vitest'
import type { AsyncRepository } from '../async-repository'
import type { RateWindows } from '../rate-windows'

const MINUTE = 60_000

/** What every backend's rate windows answer, on a fresh store from `open`. */
export function rateWindowsContract(open: () => Promise<AsyncRepository<RateWindows>>) {
  it('counts a key within its window, apart from other keys, and starts over when it ends', async () => {
    const windows = await open()
    const t0 = 1_800_000_000_000
    expect(await windows.incr('T-1', t0, MINUTE)).toEqual({ current: 1, ttl: MINUTE })
    expect(await windows.incr('T-1', t0 + 1000, MINUTE)).toEqual({ current: 2, ttl: MINUTE - 1000 })
    expect(await windows.incr('T-2', t0 + 1000, MINUTE)).toEqual({ current: 1, ttl: MINUTE })
    expect(await windows.incr('T-1', t0 + MINUTE - 1, MINUTE)).toEqual({ current: 3, ttl: 1 })
    expect(await windows.incr('T-1', t0 + MINUTE, MINUTE)).toEqual({ current: 1, ttl: MINUTE })
  })
}
