import { describe, expect, it } from 'vitest'
import {
  ESTIMATE_RULES,
  observeRead,
  type DocumentSample,
  type EstimatorState,
} from './read-estimate'

/** A fake clock and a read fed to the estimator block by block. */
function feed(blocks: readonly (DocumentSample & { at: number })[]) {
  let state: EstimatorState | null = null
  const estimates = []
  for (const { at, ...sample } of blocks) {
    state = observeRead(state, sample, at)
    estimates.push(state.estimate)
  }
  return estimates
}

/** A steady read of `total` bytes at `bytesPerSecond`, one block of `block` bytes at a time. */
function steadyRead(total: number, bytesPerSecond: number, block: number, filesUnsized = 0) {
  const blocks = []
  for (let read = block; read <= total; read += block)
    blocks.push({
      at: 5_000 + (read / bytesPerSecond) * 1000,
      documentBytesRead: read,
      documentTotal: total,
      filesUnsized,
    })
  return blocks
}

describe('observeRead', () => {
  it('gives no estimate before enough bytes and time have been seen', () => {
    const estimates = feed([
      { at: 1000, documentBytesRead: 200, documentTotal: 20_000, filesUnsized: 0 },
      // Plenty of time, too few bytes.
      { at: 3000, documentBytesRead: 1200, documentTotal: 20_000, filesUnsized: 0 },
      // Enough of both: 2100 B in 2.5 s, 17 700 B left, 21 s, said to the nearest 5.
      { at: 3500, documentBytesRead: 2300, documentTotal: 20_000, filesUnsized: 0 },
    ])
    expect(estimates).toEqual([
      { kind: 'estimating' },
      { kind: 'estimating' },
      { kind: 'remaining', seconds: 20 },
    ])
  })

  it('needs both the minimum bytes and the minimum time, counted from the first block', () => {
    const [, early] = feed([
      { at: 0, documentBytesRead: 100, documentTotal: 20_000, filesUnsized: 0 },
      {
        at: ESTIMATE_RULES.minMs - 1,
        documentBytesRead: 9000,
        documentTotal: 20_000,
        filesUnsized: 0,
      },
    ])
    expect(early).toEqual({ kind: 'estimating' })
    const [, enough] = feed([
      { at: 0, documentBytesRead: 100, documentTotal: 20_000, filesUnsized: 0 },
      { at: ESTIMATE_RULES.minMs, documentBytesRead: 2148, documentTotal: 20_000, filesUnsized: 0 },
    ])
    // 2048 bytes in 1 s: 17 852 bytes left, 8.7 s, rounded up.
    expect(enough).toEqual({ kind: 'remaining', seconds: 9 })
  })

  it('says the time left of a steady read, counting down to the end', () => {
    const estimates = feed(steadyRead(24_000, 2000, 250))
    const seconds = estimates.flatMap((e) => (e.kind === 'remaining' ? [e.seconds] : []))
    // 2000 B/s; the first estimate after a second and 2 KB: 21 500 B left, 10.75 s, about 10.
    expect(seconds[0]).toBe(10)
    expect(seconds.at(-1)).toBe(1)
    expect(seconds).toEqual([...seconds].sort((a, b) => b - a))
    expect(estimates.at(-1)).toEqual({ kind: 'complete' })
  })

  it('keeps estimating while a file’s size is unknown, with the rate learnt meanwhile', () => {
    const unsized = steadyRead(24_000, 2000, 250, 2).slice(0, 40)
    expect(feed(unsized).every((e) => e.kind === 'estimating')).toBe(true)
    // The last file's first block: the total is exact, the rate already known.
    const sized = {
      ...unsized.at(-1)!,
      at: unsized.at(-1)!.at + 125,
      documentBytesRead: 10_250,
      filesUnsized: 0,
    }
    expect(feed([...unsized, sized]).at(-1)).toEqual({ kind: 'remaining', seconds: 7 })
  })

  it('smooths a stall and a burst instead of jumping', () => {
    const steady = steadyRead(40_000, 2000, 500).slice(0, 10) // 5000 B at 7.5 s
    const last = steady.at(-1)!
    const stall = { ...last, at: last.at + 1000, documentBytesRead: last.documentBytesRead + 50 }
    const [before, after] = feed([...steady, stall]).slice(-2)
    if (before?.kind !== 'remaining' || after?.kind !== 'remaining') throw new Error('no estimate')
    // A second of almost nothing: the raw rate would say ~700 s; smoothed, far less.
    expect(after.seconds).toBeGreaterThan(before.seconds)
    expect(after.seconds).toBeLessThan(before.seconds * 2)
  })

  it('never says a negative time, even when the read overshoots or the clock steps back', () => {
    const estimates = feed([
      { at: 0, documentBytesRead: 1000, documentTotal: 30_000, filesUnsized: 0 },
      { at: 2000, documentBytesRead: 5000, documentTotal: 30_000, filesUnsized: 0 },
      { at: 1500, documentBytesRead: 6000, documentTotal: 30_000, filesUnsized: 0 },
      { at: 2100, documentBytesRead: 29_990, documentTotal: 30_000, filesUnsized: 0 },
    ])
    for (const e of estimates) if (e.kind === 'remaining') expect(e.seconds).toBeGreaterThan(0)
    expect(estimates.at(-1)).toEqual({ kind: 'remaining', seconds: 1 })
  })

  it('at 100 % says complete, not a time', () => {
    const estimates = feed([
      { at: 0, documentBytesRead: 1000, documentTotal: 4000, filesUnsized: 0 },
      { at: 2000, documentBytesRead: 4000, documentTotal: 4000, filesUnsized: 0 },
    ])
    expect(estimates).toEqual([{ kind: 'estimating' }, { kind: 'complete' }])
  })

  it('is not complete while files are unsized, even with every known byte read', () => {
    const [first] = feed([{ at: 0, documentBytesRead: 1199, documentTotal: 1199, filesUnsized: 1 }])
    expect(first).toEqual({ kind: 'estimating' })
  })

  it('starts over when the read does (the short-length fallback)', () => {
    const before = steadyRead(24_000, 2000, 250).slice(0, 20)
    const restarted = {
      at: before.at(-1)!.at + 500,
      documentBytesRead: 25,
      documentTotal: 25,
      filesUnsized: 1,
    }
    const soon = {
      ...restarted,
      at: restarted.at + 1000,
      documentBytesRead: 1500,
      documentTotal: 24_000,
      filesUnsized: 0,
    }
    expect(feed([...before, restarted, soon]).slice(-2)).toEqual([
      { kind: 'estimating' },
      { kind: 'estimating' },
    ])
  })
})
