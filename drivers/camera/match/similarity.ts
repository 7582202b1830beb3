/**
 * Similarity of two face descriptors, 0–1, on the scale @vladmandic/human publishes for its
 * faceres descriptor (`src/face/match.ts`): squared Euclidean distance × 25, its square root
 * over 100 inverted, then stretched from [0.2, 0.8] to [0, 1] and clamped. The author's own
 * reading is "above 0.5 can be considered a match"; the kiosk's threshold is configurable
 * (PortraitSettings.matchThreshold) and reported beside every score.
 */
export function descriptorSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || a.length !== b.length) return 0
  let sum = 0
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0)
    sum += d * d
  }
  if (sum === 0) return 1
  const distance = 25 * sum
  const inverted = 1 - Math.sqrt(distance) / 100
  const stretched = (inverted - 0.2) / (0.8 - 0.2)
  return Math.round(100 * Math.min(1, Math.max(0, stretched))) / 100
}

/** The author's starting point; the station's configuration replaces it. */
export const DEFAULT_MATCH_THRESHOLD = 0.5
