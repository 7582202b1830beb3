import type { FaceEngine } from '../engine/face-engine'
import type { FaceObservation, RgbaFrame } from '../types'
import { descriptorSimilarity } from './similarity'

export type MatchVerdict = 'match' | 'mismatch' | 'no-face-a' | 'no-face-b'

export interface PortraitMatchResult {
  readonly verdict: MatchVerdict
  /** 0–1; null when either image has no face. */
  readonly score: number | null
  readonly threshold: number
}

/** Compares the main faces of two observations (each from a 'full' run, with descriptors). */
export function compareFaces(
  a: FaceObservation | undefined,
  b: FaceObservation | undefined,
  threshold: number,
): PortraitMatchResult {
  if (!a?.embedding) return { verdict: 'no-face-a', score: null, threshold }
  if (!b?.embedding) return { verdict: 'no-face-b', score: null, threshold }
  const score = descriptorSimilarity(a.embedding, b.embedding)
  return { verdict: score >= threshold ? 'match' : 'mismatch', score, threshold }
}

/** 1:1 comparison of two images: each through the full models, then their descriptors. */
export async function matchImages(
  engine: FaceEngine,
  a: RgbaFrame,
  b: RgbaFrame,
  threshold: number,
): Promise<PortraitMatchResult> {
  const facesA = await engine.observe(a, 'full')
  const facesB = await engine.observe(b, 'full')
  return compareFaces(facesA[0], facesB[0], threshold)
}
