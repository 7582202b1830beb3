import { describe, expect, it } from 'vitest'
import { createSyncScheduler, type Timers } from './scheduler'

/** Timers driven by hand: `fire()` runs every pending callback once. */
function manualTimers() {
  const pending = new Map<number, { fn: () => void; ms: number }>()
  let next = 1
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      pending.set(next, { fn, ms })
      return next++
    },
    clearTimeout: (handle) => pending.delete(handle as number),
  }
  return {
    timers,
    delays: () => [...pending.values()].map((p) => p.ms),
    fire() {
      const due = [...pending.entries()]
      pending.clear()
      for (const [, p] of due) p.fn()
    },
  }
}

const tick = () => new Promise((r) => setImmediate(r))

describe('sync scheduler', () => {
  it('runs a pass at start, then one per interval', async () => {
    const clock = manualTimers()
    let passes = 0
    const scheduler = createSyncScheduler({
      runPass: async () => {
        passes++
      },
      intervalMs: 30_000,
      timers: clock.timers,
    })
    scheduler.start()
    expect(clock.delays()).toEqual([0])
    clock.fire()
    await tick()
    expect(passes).toBe(1)
    expect(clock.delays()).toEqual([30_000])
    clock.fire()
    await tick()
    expect(passes).toBe(2)
    await scheduler.stop()
    expect(clock.delays()).toEqual([])
  })

  it('brings the next pass forward when poked, and runs again after a poke mid-pass', async () => {
    const clock = manualTimers()
    let finish: () => void = () => {}
    let passes = 0
    const scheduler = createSyncScheduler({
      runPass: () => {
        passes++
        return new Promise<void>((r) => (finish = r))
      },
      intervalMs: 30_000,
      pokeDelayMs: 100,
      timers: clock.timers,
    })
    scheduler.start()
    clock.fire()
    scheduler.poke()
    expect(clock.delays()).toEqual([])
    finish()
    await tick()
    expect(clock.delays()).toEqual([100])
    clock.fire()
    finish()
    await tick()
    expect(passes).toBe(2)
    expect(clock.delays()).toEqual([30_000])
    scheduler.poke()
    expect(clock.delays()).toEqual([100])
    await scheduler.stop()
  })

  it('survives a failing pass', async () => {
    const clock = manualTimers()
    const scheduler = createSyncScheduler({
      runPass: () => Promise.reject(new Error('boom')),
      intervalMs: 1000,
      timers: clock.timers,
    })
    scheduler.start()
    clock.fire()
    await tick()
    await tick()
    expect(clock.delays()).toEqual([1000])
    await scheduler.stop()
  })
})
