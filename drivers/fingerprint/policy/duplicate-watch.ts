import { FINGER_POSITIONS, type FingerImage, type FingerName } from '../finger-image'
import { matchTemplates } from '../matching/match'
import { templateOf, type DuplicatePair } from './duplicates'

interface HeldFinger {
  image: FingerImage
  /** Matcher scores against the fingers already held, keyed by the other finger. */
  scores: Map<FingerName, number>
}

/**
 * The duplicate-finger check run as fingers arrive: `add` extracts the new finger's template once
 * and compares it only with the fingers already held (at most nine comparisons), so the cost is
 * spread over the captures and the officer never waits for a ten-finger check at the end.
 *
 * Each pair is matched in ISO finger-position order (the lower position as A), which is the order
 * findDuplicateFingers uses on a map in that order, so both give identical pairs and scores.
 */
export class DuplicateWatch {
  private readonly held = new Map<FingerName, HeldFinger>()

  constructor(readonly threshold: number) {}

  /** The image currently held for a finger, if any. */
  imageOf(finger: FingerName): FingerImage | undefined {
    return this.held.get(finger)?.image
  }

  /**
   * Holds `image` as the finger's capture (replacing the one held before) and returns the duplicate
   * pairs it forms with the other held fingers, best score first.
   */
  add(finger: FingerName, image: FingerImage): DuplicatePair[] {
    if (this.held.get(finger)?.image === image) return this.pairsOf(finger)
    this.remove(finger)
    const entry: HeldFinger = { image, scores: new Map() }
    const mine = templateOf(image)
    for (const [other, held] of this.held) {
      const first = FINGER_POSITIONS[finger] < FINGER_POSITIONS[other]
      const a = first ? mine : templateOf(held.image)
      const b = first ? templateOf(held.image) : mine
      const { score } = matchTemplates(a, b)
      entry.scores.set(other, score)
      held.scores.set(finger, score)
    }
    this.held.set(finger, entry)
    return this.pairsOf(finger)
  }

  /** Forgets a finger (recaptured from scratch, or excused as missing). */
  remove(finger: FingerName): void {
    if (!this.held.delete(finger)) return
    for (const held of this.held.values()) held.scores.delete(finger)
  }

  clear(): void {
    this.held.clear()
  }

  /** The duplicate pairs that involve one finger, best score first. */
  pairsOf(finger: FingerName): DuplicatePair[] {
    const entry = this.held.get(finger)
    if (!entry) return []
    const found: DuplicatePair[] = []
    for (const [other, score] of entry.scores) {
      if (score >= this.threshold) found.push(orderedPair(finger, other, score))
    }
    return found.sort(byScore)
  }

  /** Every duplicate pair among the held fingers, best score first. */
  pairs(): DuplicatePair[] {
    const found: DuplicatePair[] = []
    for (const [finger, entry] of this.held) {
      for (const [other, score] of entry.scores) {
        if (FINGER_POSITIONS[finger] < FINGER_POSITIONS[other] && score >= this.threshold)
          found.push({ a: finger, b: other, score })
      }
    }
    return found.sort(byScore)
  }
}

function orderedPair(x: FingerName, y: FingerName, score: number): DuplicatePair {
  return FINGER_POSITIONS[x] < FINGER_POSITIONS[y] ? { a: x, b: y, score } : { a: y, b: x, score }
}

// Ties keep ISO order of the pair, so the result does not depend on the order fingers arrived in.
function byScore(x: DuplicatePair, y: DuplicatePair): number {
  return (
    y.score - x.score ||
    FINGER_POSITIONS[x.a] - FINGER_POSITIONS[y.a] ||
    FINGER_POSITIONS[x.b] - FINGER_POSITIONS[y.b]
  )
}
