/**
 * Seeded randomness for the synthetic prints. Everything the generator draws comes from here, so a
 * print is a pure function of its seed (no Math.random anywhere in the fingerprint stack).
 */

/** 32-bit FNV-1a over the UTF-8 bytes of the parts, finished with a murmur3 avalanche. */
export function hashSeed(...parts: readonly (string | number)[]): number {
  let h = 0x811c9dc5
  const bytes = new TextEncoder().encode(parts.map(String).join('\u001f'))
  for (const b of bytes) {
    h ^= b
    h = Math.imul(h, 0x01000193)
  }
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

export interface Random {
  /** Uniform in [0, 1). */
  next(): number
  /** Uniform in [low, high). */
  range(low: number, high: number): number
  /** Integer in [0, n). */
  int(n: number): number
  /** Standard normal (Box–Muller). */
  gaussian(): number
  /** A new independent stream derived from this one. */
  fork(label: string): Random
}

/** Mulberry32: small, fast, and good enough to place ridges and noise. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    range: (low, high) => low + (high - low) * next(),
    int: (n) => Math.floor(next() * n),
    gaussian: () => {
      const u = Math.max(next(), 1e-12)
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next())
    },
    fork: (label) => createRandom(hashSeed(seed, label, Math.floor(next() * 4294967296))),
  }
}
