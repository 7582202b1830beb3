import type { Minutia } from './minutiae'

/**
 * Local minutia descriptors: each minutia's nearest neighbours seen from its own frame (distance,
 * bearing, relative direction). They do not change with where the finger sat or how it was turned,
 * so similar descriptors propose the alignments worth trying. Stored flat for speed.
 */
export const NEIGHBOURS = 5
const STRIDE = 3 * NEIGHBOURS
const TWO_PI = 2 * Math.PI

export function angleDiff(a: number, b: number): number {
  const d = Math.abs(a - b) % TWO_PI
  return d > Math.PI ? TWO_PI - d : d
}

function wrap(angle: number): number {
  return ((angle % TWO_PI) + TWO_PI) % TWO_PI
}

/** descriptor[i·STRIDE + 3k …]: distance, bearing, direction of minutia i's k-th neighbour (NaN if none). */
type Descriptors = Float32Array

const cache = new WeakMap<readonly Minutia[], Descriptors>()

export function descriptorsOf(minutiae: readonly Minutia[]): Descriptors {
  const hit = cache.get(minutiae)
  if (hit) return hit
  const out = new Float32Array(minutiae.length * STRIDE).fill(Number.NaN)
  const near: { d: number; j: number }[] = []
  minutiae.forEach((m, i) => {
    near.length = 0
    minutiae.forEach((o, j) => {
      if (i !== j) near.push({ d: Math.hypot(o.x - m.x, o.y - m.y), j })
    })
    near.sort((a, b) => a.d - b.d)
    for (let k = 0; k < Math.min(NEIGHBOURS, near.length); k++) {
      const n = near[k] as { d: number; j: number }
      const o = minutiae[n.j] as Minutia
      out[i * STRIDE + 3 * k] = n.d
      out[i * STRIDE + 3 * k + 1] = wrap(Math.atan2(o.y - m.y, o.x - m.x) - m.angle)
      out[i * STRIDE + 3 * k + 2] = wrap(o.angle - m.angle)
    }
  })
  cache.set(minutiae, out)
  return out
}

const MAX_DISTANCE = 12
const MAX_BEARING = 0.4
const MAX_DIRECTION = 0.5
const MIN_SIMILARITY = 0.15

/** Difference of two angles both in [0, 2π) (no modulo: this is the hot loop). */
function wrappedDiff(a: number, b: number): number {
  const d = a > b ? a - b : b - a
  return d > Math.PI ? TWO_PI - d : d
}

/**
 * 0 … 1: how well the neighbourhoods of minutia i (in A) and minutia j (in B) agree; gives up (0)
 * as soon as the neighbours left cannot lift it above `floor`.
 */
function similarity(da: Descriptors, i: number, db: Descriptors, j: number, floor: number): number {
  let total = 0
  let used = 0
  const needed = floor * NEIGHBOURS
  for (let ka = 0; ka < NEIGHBOURS; ka++) {
    if (total + (NEIGHBOURS - ka) <= needed) return 0
    const a = i * STRIDE + 3 * ka
    const distance = da[a] as number
    if (Number.isNaN(distance)) break
    let best = 0
    let bestK = -1
    for (let kb = 0; kb < NEIGHBOURS; kb++) {
      if (used & (1 << kb)) continue
      const b = j * STRIDE + 3 * kb
      const other = db[b] as number
      // Neighbours are stored nearest first: past this one, none can be close enough.
      if (other > distance + MAX_DISTANCE) break
      const dd = Math.abs(distance - other)
      if (!(dd <= MAX_DISTANCE)) continue
      const dBearing = wrappedDiff(da[a + 1] as number, db[b + 1] as number)
      if (dBearing > MAX_BEARING) continue
      const dDirection = wrappedDiff(da[a + 2] as number, db[b + 2] as number)
      if (dDirection > MAX_DIRECTION) continue
      const s =
        (1 - dd / MAX_DISTANCE) * (1 - dBearing / MAX_BEARING) * (1 - dDirection / MAX_DIRECTION)
      if (s > best) {
        best = s
        bestK = kb
      }
    }
    if (bestK >= 0) {
      used |= 1 << bestK
      total += best
    }
  }
  return total / NEIGHBOURS
}

/**
 * The `count` most similar minutia pairs (index in A, index in B), most similar first, among those
 * whose directions differ by at most `maxTurn` (the alignment they propose turns by that much).
 */
export function mostSimilarPairs(
  ma: readonly Minutia[],
  mb: readonly Minutia[],
  count: number,
  maxTurn = Math.PI,
): { i: number; j: number; s: number }[] {
  const da = descriptorsOf(ma)
  const db = descriptorsOf(mb)
  // A short list kept sorted by insertion: far cheaper than sorting every pair.
  const top: { i: number; j: number; s: number }[] = []
  for (let i = 0; i < ma.length; i++) {
    const turnFrom = (ma[i] as Minutia).angle
    for (let j = 0; j < mb.length; j++) {
      if (angleDiff((mb[j] as Minutia).angle, turnFrom) > maxTurn) continue
      const floor = top.length === count ? (top[count - 1] as { s: number }).s : MIN_SIMILARITY
      const s = similarity(da, i, db, j, floor)
      if (s <= floor) continue
      let k = top.length
      while (k > 0 && (top[k - 1] as { s: number }).s < s) k--
      top.splice(k, 0, { i, j, s })
      if (top.length > count) top.pop()
    }
  }
  return top
}
