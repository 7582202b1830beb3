/**
 * How surprising a number of corresponding minutiae is, given the common area. If the minutiae of
 * two different fingers were placed at random in the common area, each of A's minutiae would find
 * one of B's within the tolerances with probability p = n_B · (tolerance disc / area) · (angle
 * tolerance share), so the chance correspondences are about Poisson(λ = n_A · p). Minutia directions
 * are not uniform, though: they follow the ridge flow, which the alignment has already lined up, so
 * about half of the chance neighbours point the same way (the other half opposite) and the
 * angle share is taken as ½ rather than the tolerance's share of the circle. This is the
 * individuality model of Pankanti, Prabhakar and Jain ("On the individuality of fingerprints",
 * IEEE TPAMI 24(8), 2002) in its simplest form. The surprise −log10 P(X ≥ m) grows with the
 * correspondences found and shrinks with the chance expected, so a small overlap with few minutiae
 * cannot reach a high value: it simply cannot hold enough correspondences.
 */

const LOG10_E = Math.LOG10E
const LN_FACTORIAL: number[] = [0]
function lnFactorial(n: number): number {
  for (let k = LN_FACTORIAL.length; k <= n; k++)
    LN_FACTORIAL.push((LN_FACTORIAL[k - 1] as number) + Math.log(k))
  return LN_FACTORIAL[n] as number
}

/** −log10 P(X ≥ m) for X ~ Poisson(λ); 0 when m ≤ 0. */
export function poissonSurprise(m: number, lambda: number): number {
  if (m <= 0) return 0
  if (lambda <= 0) return Number.POSITIVE_INFINITY
  // Sum the tail from its first term; the terms fall fast once k > λ.
  const lnFirst = -lambda + m * Math.log(lambda) - lnFactorial(m)
  let sum = 1
  let term = 1
  for (let k = m + 1; k < m + 200; k++) {
    term *= lambda / k
    sum += term
    if (term < 1e-12 * sum) break
  }
  const lnTail = lnFirst + Math.log(sum)
  return lnTail >= 0 ? 0 : -lnTail * LOG10_E
}

export interface ChanceInputs {
  /** Minutiae of A and of B inside the common area. */
  aInOverlap: number
  bInOverlap: number
  /** Common area, square pixels. */
  overlapArea: number
  /** Distance tolerance of a correspondence, pixels. */
  distance: number
}

/** Share of chance neighbours whose direction agrees once the ridge flows are aligned (see above). */
const ALIGNED_DIRECTION_SHARE = 0.5

/** Expected chance correspondences λ under the random-placement model. */
export function chanceCorrespondences(c: ChanceInputs): number {
  if (c.overlapArea <= 0) return 0
  const disc = Math.PI * c.distance * c.distance
  const perMinutia = Math.min(1, (c.bInOverlap * disc) / c.overlapArea) * ALIGNED_DIRECTION_SHARE
  return c.aInOverlap * perMinutia
}
