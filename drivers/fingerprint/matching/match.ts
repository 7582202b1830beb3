import { chanceCorrespondences, poissonSurprise } from './chance'
import { mostSimilarPairs, NEIGHBOURS } from './descriptors'
import type { FingerTemplate, Minutia } from './minutiae'
import { overlapOf, type Alignment } from './overlap'
import { pairUnderAlignment, refitAlignment } from './pairing'

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
export const SURPRISE_FULL = 14
const AGREEMENT_FLOOR = 0.8
const AGREEMENT_FULL = 0.96
const ALIGNMENTS = 16
/** Distance tolerance next to the anchor once an alignment is refitted on its pairs (500 ppi). */
const REFIT_DISTANCE = 7

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

interface Tolerance {
  distance: number
  angle: number
}

/** Score of one alignment: the surprise of its correspondences beyond the `given` ones. */
function scoreAlignment(
  a: FingerTemplate,
  b: FingerTemplate,
  t: Alignment,
  anchor: { x: number; y: number },
  tolerance: Tolerance,
  given: number,
) {
  const pairing = pairUnderAlignment(a, b, t, anchor, tolerance)
  const overlap = overlapOf(a, b, t)
  const lambda = chanceCorrespondences({
    ...pairing,
    overlapArea: overlap.area,
    distance: Math.sqrt(pairing.meanTolerance2),
  })
  const surprise = poissonSurprise(pairing.matched - given, lambda)
  const score =
    Math.min(1, surprise / SURPRISE_FULL) * ramp(overlap.agreement, AGREEMENT_FLOOR, AGREEMENT_FULL)
  const result: MatchResult = {
    score,
    matched: pairing.matched,
    rotation: t.rotation,
    dx: t.dx,
    dy: t.dy,
    orientationAgreement: overlap.agreement,
    overlapArea: overlap.area,
    chanceMatches: lambda,
  }
  return { result, pairing }
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
  const refitTolerance = { ...tolerance, distance: REFIT_DISTANCE * scale }
  const maxRotation = options.maxRotation ?? Math.PI / 3
  if (a.minutiae.length < 3 || b.minutiae.length < 3) return NONE
  let best = NONE
  for (const pair of mostSimilarPairs(
    a.minutiae,
    b.minutiae,
    options.alignments ?? ALIGNMENTS,
    maxRotation,
  )) {
    const anchor = a.minutiae[pair.i] as Minutia
    const t = alignmentOf(anchor, b.minutiae[pair.j] as Minutia)
    // Flat captures are taken with the finger pointing up the platen: turns beyond this are not
    // the same touch geometry, only chance alignments.
    if (Math.abs(t.rotation) > maxRotation) continue
    // The anchor pair and the neighbours its descriptor already matched were chosen for agreeing:
    // only correspondences beyond them are evidence.
    const given = 1 + Math.ceil(pair.s * NEIGHBOURS)
    const first = scoreAlignment(a, b, t, anchor, tolerance, given)
    if (first.result.score > best.score) best = first.result
    // Refitted on all its pairs, the alignment is close enough everywhere for a tighter tolerance,
    // which lowers the chance correspondences as much as it keeps the true ones.
    const refit = refitAlignment(a, b, first.pairing)
    if (!refit || Math.abs(refit.alignment.rotation) > maxRotation) continue
    const second = scoreAlignment(a, b, refit.alignment, refit.anchor, refitTolerance, given)
    if (second.result.score > best.score) best = second.result
  }
  return best
}
