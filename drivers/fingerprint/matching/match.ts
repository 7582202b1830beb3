import type { FingerTemplate, Minutia } from './minutiae'

/**
 * Minutiae matching with alignment search. Each minutia gets a local descriptor (its nearest
 * neighbours in its own frame: distance, bearing, relative direction), which does not change with
 * where the finger sat or how it was turned. The most similar minutia pairs propose alignments
 * (rotation + translation); each proposal is scored by how many minutiae then coincide, counted
 * against the minutiae both impressions show in their common area.
 */
export interface MatchResult {
  /**
   * 0 … 1: matched² / (minutiae of A in the overlap × minutiae of B in the overlap), scaled down
   * when the ridge flow of the common area disagrees or fewer than 12 minutiae correspond.
   */
  score: number
  matched: number
  /** Alignment mapping A onto B: rotate by `rotation` (radians) then shift by (dx, dy). */
  rotation: number
  dx: number
  dy: number
  /** Mean cos 2Δθ of the two orientation fields over the common area under this alignment. */
  orientationAgreement: number
}

export interface MatchOptions {
  /** Pixel distance within which aligned minutiae coincide (at 500 ppi). */
  distanceTolerance?: number
  /** Direction difference within which aligned minutiae coincide (radians). */
  angleTolerance?: number
  /** Alignments tried, from the best descriptor pairs. */
  alignments?: number
  /** Largest rotation between the two impressions considered (radians, default 60°). */
  maxRotation?: number
}

const NEIGHBOURS = 5
// Fewer minutiae than this in the common area count as this many, so a tiny overlap cannot score high.
const MIN_OVERLAP = 14
const TWO_PI = 2 * Math.PI

function angleDiff(a: number, b: number): number {
  const d = Math.abs(a - b) % TWO_PI
  return d > Math.PI ? TWO_PI - d : d
}

interface Neighbour {
  distance: number
  bearing: number
  direction: number
}

const descriptorCache = new WeakMap<readonly Minutia[], Neighbour[][]>()

function descriptors(minutiae: readonly Minutia[]): Neighbour[][] {
  const cached = descriptorCache.get(minutiae)
  if (cached) return cached
  const computed = computeDescriptors(minutiae)
  descriptorCache.set(minutiae, computed)
  return computed
}

function computeDescriptors(minutiae: readonly Minutia[]): Neighbour[][] {
  return minutiae.map((m, i) => {
    const near: Neighbour[] = []
    minutiae.forEach((o, j) => {
      if (i === j) return
      const dx = o.x - m.x
      const dy = o.y - m.y
      near.push({
        distance: Math.hypot(dx, dy),
        bearing: (((Math.atan2(dy, dx) - m.angle) % TWO_PI) + TWO_PI) % TWO_PI,
        direction: (((o.angle - m.angle) % TWO_PI) + TWO_PI) % TWO_PI,
      })
    })
    near.sort((a, b) => a.distance - b.distance)
    return near.slice(0, NEIGHBOURS)
  })
}

function descriptorSimilarity(a: readonly Neighbour[], b: readonly Neighbour[]): number {
  let total = 0
  const used = new Uint8Array(b.length)
  for (const na of a) {
    let best = 0
    let bestJ = -1
    b.forEach((nb, j) => {
      if (used[j]) return
      const dd = Math.abs(na.distance - nb.distance)
      if (dd > 12) return
      const db = angleDiff(na.bearing, nb.bearing)
      const dr = angleDiff(na.direction, nb.direction)
      if (db > 0.4 || dr > 0.5) return
      const s = (1 - dd / 12) * (1 - db / 0.4) * (1 - dr / 0.5)
      if (s > best) {
        best = s
        bestJ = j
      }
    })
    if (bestJ >= 0) {
      used[bestJ] = 1
      total += best
    }
  }
  return total / NEIGHBOURS
}

function inArea(t: FingerTemplate, x: number, y: number): boolean {
  const bx = Math.floor(x / t.blockSize)
  const by = Math.floor(y / t.blockSize)
  if (bx < 0 || by < 0 || bx >= t.cols || by >= t.rows) return false
  return (t.area[by * t.cols + bx] ?? 0) === 1
}

const AGREEMENT_FLOOR = 0.8
const AGREEMENT_FULL = 0.97
// Corresponding minutiae needed before a pair counts fully (forensic practice asks for about 12).
const MATCHED_FLOOR = 5
const MATCHED_FULL = 12

function ramp(v: number, low: number, high: number): number {
  return Math.min(1, Math.max(0, (v - low) / (high - low)))
}

/** Mean cos 2(θA + rotation − θB) over A's area blocks that land in B's area. */
function orientationAgreement(
  a: FingerTemplate,
  b: FingerTemplate,
  cos: number,
  sin: number,
  dx: number,
  dy: number,
  rotation: number,
): number {
  let sum = 0
  let n = 0
  for (let by = 0; by < a.rows; by++) {
    for (let bx = 0; bx < a.cols; bx++) {
      const i = by * a.cols + bx
      if (!a.area[i]) continue
      const x = (bx + 0.5) * a.blockSize
      const y = (by + 0.5) * a.blockSize
      const tx = Math.floor((x * cos - y * sin + dx) / b.blockSize)
      const ty = Math.floor((x * sin + y * cos + dy) / b.blockSize)
      if (tx < 0 || ty < 0 || tx >= b.cols || ty >= b.rows) continue
      const j = ty * b.cols + tx
      if (!b.area[j]) continue
      sum += Math.cos(2 * ((a.orientation[i] ?? 0) + rotation - (b.orientation[j] ?? 0)))
      n++
    }
  }
  return n >= 4 ? sum / n : 0
}

/** A rigid alignment of A onto B: rotate by `rotation`, then shift by (dx, dy). */
interface Alignment {
  rotation: number
  cos: number
  sin: number
  dx: number
  dy: number
}

/** Minutia pairs (index in A, index in B) whose descriptors look alike, most similar first. */
function similarPairs(ma: readonly Minutia[], mb: readonly Minutia[]): { i: number; j: number }[] {
  const da = descriptors(ma)
  const db = descriptors(mb)
  const pairs: { i: number; j: number; s: number }[] = []
  for (let i = 0; i < ma.length; i++) {
    for (let j = 0; j < mb.length; j++) {
      const s = descriptorSimilarity(da[i] ?? [], db[j] ?? [])
      if (s > 0.15) pairs.push({ i, j, s })
    }
  }
  return pairs.sort((x, y) => y.s - x.s)
}

/** The alignment that puts minutia `pa` of A onto minutia `pb` of B. */
function alignmentOf(pa: Minutia, pb: Minutia): Alignment {
  const rotation = Math.atan2(Math.sin(pb.angle - pa.angle), Math.cos(pb.angle - pa.angle))
  const cos = Math.cos(rotation)
  const sin = Math.sin(rotation)
  const dx = pb.x - (pa.x * cos - pa.y * sin)
  const dy = pb.y - (pa.x * sin + pa.y * cos)
  return { rotation, cos, sin, dx, dy }
}

/**
 * Under `t`, pairs each of A's minutiae that lands in B's area with the nearest unused minutia of
 * B within the tolerances. Returns the pairs made and how many of A's minutiae were in the overlap.
 */
function pairUnderAlignment(
  ma: readonly Minutia[],
  b: FingerTemplate,
  t: Alignment,
  tolerance: { distance: number; angle: number },
): { matched: number; aInOverlap: number } {
  const mb = b.minutiae
  const usedB = new Uint8Array(mb.length)
  let matched = 0
  let aInOverlap = 0
  for (const m of ma) {
    const x = m.x * t.cos - m.y * t.sin + t.dx
    const y = m.x * t.sin + m.y * t.cos + t.dy
    if (!inArea(b, x, y)) continue
    aInOverlap++
    let bestJ = -1
    let bestD = tolerance.distance
    for (let j = 0; j < mb.length; j++) {
      const o = mb[j]
      if (!o || usedB[j]) continue
      const d = Math.hypot(o.x - x, o.y - y)
      if (d < bestD && angleDiff(o.angle, m.angle + t.rotation) < tolerance.angle) {
        bestD = d
        bestJ = j
      }
    }
    if (bestJ >= 0) {
      usedB[bestJ] = 1
      matched++
    }
  }
  return { matched, aInOverlap }
}

/** B's minutiae that fall inside A's area once mapped back through `t`. */
function countMappedBackInArea(mb: readonly Minutia[], a: FingerTemplate, t: Alignment): number {
  let count = 0
  for (const o of mb) {
    const ux = o.x - t.dx
    const uy = o.y - t.dy
    if (inArea(a, ux * t.cos + uy * t.sin, -ux * t.sin + uy * t.cos)) count++
  }
  return count
}

export function matchTemplates(
  a: FingerTemplate,
  b: FingerTemplate,
  options: MatchOptions = {},
): MatchResult {
  const scale = (a.ppi > 0 ? a.ppi : 500) / 500
  const tolerance = {
    distance: (options.distanceTolerance ?? 12) * scale,
    angle: options.angleTolerance ?? Math.PI / 7,
  }
  const alignments = options.alignments ?? 16
  const maxRotation = options.maxRotation ?? Math.PI / 3
  const none: MatchResult = {
    score: 0,
    matched: 0,
    rotation: 0,
    dx: 0,
    dy: 0,
    orientationAgreement: 0,
  }
  const ma = a.minutiae
  const mb = b.minutiae
  if (ma.length < 3 || mb.length < 3) return none
  let best = none
  for (const pair of similarPairs(ma, mb).slice(0, alignments)) {
    const pa = ma[pair.i]
    const pb = mb[pair.j]
    if (!pa || !pb) continue
    const t = alignmentOf(pa, pb)
    // Flat captures are taken with the finger pointing up the platen: turns beyond this are not
    // the same touch geometry, only chance alignments.
    if (Math.abs(t.rotation) > maxRotation) continue
    const { matched, aInOverlap } = pairUnderAlignment(ma, b, t, tolerance)
    const bInOverlap = countMappedBackInArea(mb, a, t)
    const minutiaeScore =
      (matched * matched) / (Math.max(aInOverlap, MIN_OVERLAP) * Math.max(bInOverlap, MIN_OVERLAP))
    if (minutiaeScore <= best.score) continue
    // A chance alignment of minutiae rarely also lines up the ridge flow of the whole common area.
    const agreement = orientationAgreement(a, b, t.cos, t.sin, t.dx, t.dy, t.rotation)
    const score =
      minutiaeScore *
      ramp(agreement, AGREEMENT_FLOOR, AGREEMENT_FULL) *
      ramp(matched, MATCHED_FLOOR, MATCHED_FULL)
    if (score > best.score) {
      const { rotation, dx, dy } = t
      best = {
        score: Math.min(1, score),
        matched,
        rotation,
        dx,
        dy,
        orientationAgreement: agreement,
      }
    }
  }
  return best
}
