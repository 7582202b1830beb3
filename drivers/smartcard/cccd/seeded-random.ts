import { createHash } from 'node:crypto'

/** A deterministic random source: the same seed always gives the same sequence. */
export interface SeededRandom {
  /** Uniform in [0, 1). */
  next(): number
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number
  pick<T>(items: readonly T[]): T
  /** Picks by weight: `[[item, weight], …]`. */
  weighted<T>(items: readonly (readonly [T, number])[]): T
  chance(probability: number): boolean
  digits(count: number): string
}

/**
 * sfc32 seeded from SHA-256 of the seed. Not for secrets: it makes synthetic citizens and pictures
 * reproducible from a seed.
 */
export function seededRandom(seed: string | number): SeededRandom {
  const hash = createHash('sha256').update(String(seed)).digest()
  let a = hash.readUInt32LE(0)
  let b = hash.readUInt32LE(4)
  let c = hash.readUInt32LE(8)
  let d = hash.readUInt32LE(12)
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0
    d = (d + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    return (t >>> 0) / 4294967296
  }
  for (let i = 0; i < 12; i++) next()
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1))
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new RangeError('nothing to pick from')
      return items[int(0, items.length - 1)] as T
    },
    weighted: <T>(items: readonly (readonly [T, number])[]): T => {
      const total = items.reduce((sum, [, w]) => sum + w, 0)
      let r = next() * total
      for (const [item, w] of items) {
        r -= w
        if (r < 0) return item
      }
      const last = items[items.length - 1]
      if (!last) throw new RangeError('nothing to pick from')
      return last[0]
    },
    chance: (probability: number): boolean => next() < probability,
    digits: (count: number): string =>
      Array.from({ length: count }, () => String(int(0, 9))).join(''),
  }
}
