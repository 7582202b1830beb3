import { chanceCorrespondences, poissonSurprise } from './chance'
import { angleDiff, mostSimilarPairs, NEIGHBOURS } from './descriptors'
import type { FingerTemplate, Minutia } from './minutiae'
import { inArea, overlapOf, type Alignment } from './overlap'

/**
 * Minutiae matching with alignment search. The most similar local descriptors propose alignments
 * (rotation + translation); under each, minutiae that coincide are counted, and the count is
 * weighed against what chance would give in the common area (chance.ts): the score is the
 * surprise of that many correspondences, so it accounts for the overlap and the minutiae inside it,
 * and one threshold holds for full and partial touches alike.
 */
export interface MatchResult {
  /**
   * 0 … 1: −log10 of the chance probability of the correspondences found, over SURPRISE_FULL,
   * scaled down when the ridge flow of the common area disagrees.
   */
  score: number
  matched: number
  /** Alignment mapping A onto B: rotate by `rotation` (radians) then shift by (dx, dy). */
  rotation: number
  dx: number
  dy: number
  /** Mean cos 2Δθ of the two orientation fields over the common area under this alignment. */
  orientationAgreement: number
  /** Common usable area under the alignment, square pixels. */
  overlapArea: number
  /** Correspondences expected by chance in that area (λ of chance.ts). */
  chanceMatches: number
}

export interface MatchOptions {
  /** Pixel distance within which aligned minutiae coincide next to the anchor (at 500 ppi). */
  distanceTolerance?: number
  /** Direction difference within which aligned minutiae coincide (radians). */
  angleTolerance?: number
  /** Alignments tried, from the best descriptor pairs. */
  alignments?: number
  /** Largest rotation between the two impressions considered (radians, default 60°). */
  maxRotation?: number
}

/** Surprise (−log10 chance probability) that scores 1. */
export const SURPRISE_FULL = 10
const AGREEMENT_FLOOR = 0.6
const AGREEMENT_FULL = 0.9

function ramp(v: number, low: number, high: number): number {
  return Math.min(1, Math.max(0, (v - low) / (high - low)))
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

interface Pairing {
  matched: number
  aInOverlap: number
  bInOverlap: number
  /** Mean square distance tolerance over A's minutiae in the overlap (for the chance model). */
  meanTolerance2: number
}

// Skin stretches more the further it is from where the touches agree (the anchor): the distance
// tolerance grows with the distance from it, as plastic distortion does (Cappelli et al. 2001).
const TOLERANCE_GROWTH = 0.02

/**
 * Under `t`, pairs each of A's minutiae that lands in B's area with the nearest unused minutia of
 * B within the tolerances, and counts each side's minutiae inside the other's area.
 */
function pairUnderAlignment(
  a: FingerTemplate,
  b: FingerTemplate,
  t: Alignment,
  anchor: Minutia,
  tolerance: { distance: number; angle: number },
): Pairing {
  const mb = b.minutiae
  const usedB = new Uint8Array(mb.length)
  let matched = 0
  let aInOverlap = 0
  let tolerance2 = 0
  for (const m of a.minutiae) {
    const x = m.x * t.cos - m.y * t.sin + t.dx
    const y = m.x * t.sin + m.y * t.cos + t.dy
    if (!inArea(b, x, y)) continue
    aInOverlap++
    const reach = tolerance.distance + TOLERANCE_GROWTH * Math.hypot(m.x - anchor.x, m.y - anchor.y)
    tolerance2 += reach * reach
    const angle = m.angle + t.rotation
    let bestJ = -1
    let bestD = reach * reach
    for (let j = 0; j < mb.length; j++) {
      const o = mb[j] as Minutia
      const ex = o.x - x
      const ey = o.y - y
      const d = ex * ex + ey * ey
      if (d < bestD && !usedB[j] && angleDiff(o.angle, angle) < tolerance.angle) {
        bestD = d
        bestJ = j
      }
    }
    if (bestJ >= 0) {
      usedB[bestJ] = 1
      matched++
    }
  }
  let bInOverlap = 0
  for (const o of mb) {
    const ux = o.x - t.dx
    const uy = o.y - t.dy
    if (inArea(a, ux * t.cos + uy * t.sin, -ux * t.sin + uy * t.cos)) bInOverlap++
  }
  return {
    matched,
    aInOverlap,
    bInOverlap,
    meanTolerance2: aInOverlap ? tolerance2 / aInOverlap : 0,
  }
}

const NONE: MatchResult = {
  score: 0,
  matched: 0,
  rotation: 0,
  dx: 0,
  dy: 0,
  orientationAgreement: 0,
  overlapArea: 0,
  chanceMatches: 0,
}

export function matchTemplates(
  a: FingerTemplate,
  b: FingerTemplate,
  options: MatchOptions = {},
): MatchResult {
  const scale = (a.ppi > 0 ? a.ppi : 500) / 500
  const tolerance = {
    distance: (options.distanceTolerance ?? 10) * scale,
    angle: options.angleTolerance ?? Math.PI / 7,
  }
  const maxRotation = options.maxRotation ?? Math.PI / 3
  if (a.minutiae.length < 3 || b.minutiae.length < 3) return NONE
  let best = NONE
  for (const pair of mostSimilarPairs(a.minutiae, b.minutiae, options.alignments ?? 16)) {
    const anchor = a.minutiae[pair.i] as Minutia
    const t = alignmentOf(anchor, b.minutiae[pair.j] as Minutia)
    // Flat captures are taken with the finger pointing up the platen: turns beyond this are not
    // the same touch geometry, only chance alignments.
    if (Math.abs(t.rotation) > maxRotation) continue
    const pairing = pairUnderAlignment(a, b, t, anchor, tolerance)
    const overlap = overlapOf(a, b, t)
    const lambda = chanceCorrespondences({
      ...pairing,
      overlapArea: overlap.area,
      distance: Math.sqrt(pairing.meanTolerance2),
    })
    // The anchor pair and the neighbours its descriptor already matched were chosen for agreeing:
    // only correspondences beyond them are evidence.
    const given = 1 + Math.ceil(pair.s * NEIGHBOURS)
    const surprise = poissonSurprise(pairing.matched - given, lambda)
    const score =
      Math.min(1, surprise / SURPRISE_FULL) *
      ramp(overlap.agreement, AGREEMENT_FLOOR, AGREEMENT_FULL)
    if (score > best.score) {
      best = {
        score,
        matched: pairing.matched,
        rotation: t.rotation,
        dx: t.dx,
        dy: t.dy,
        orientationAgreement: overlap.agreement,
        overlapArea: overlap.area,
        chanceMatches: lambda,
      }
    }
  }
  return best
}
