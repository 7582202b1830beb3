import type { FingerImage, FingerName } from '../finger-image'
import { extractTemplate, type FingerTemplate } from '../matching/minutiae'
import { matchTemplates } from '../matching/match'

export interface DuplicatePair {
  a: FingerName
  b: FingerName
  score: number
}

// Extracting a template costs tens of milliseconds; an image is compared with up to nine others.
const templates = new WeakMap<FingerImage, FingerTemplate>()

export function templateOf(image: FingerImage): FingerTemplate {
  let t = templates.get(image)
  if (!t) {
    t = extractTemplate(image)
    templates.set(image, t)
  }
  return t
}

/**
 * Compares every pair of the given fingers' images and returns the pairs the matcher takes for the
 * same finger (e.g. the right index presented again as the right middle), best score first.
 */
export function findDuplicateFingers(
  images: ReadonlyMap<FingerName, FingerImage>,
  threshold: number,
): DuplicatePair[] {
  const entries = [...images.entries()]
  const found: DuplicatePair[] = []
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      const [a, imageA] = entries[i] ?? []
      const [b, imageB] = entries[j] ?? []
      if (!a || !b || !imageA || !imageB) continue
      const { score } = matchTemplates(templateOf(imageA), templateOf(imageB))
      if (score >= threshold) found.push({ a, b, score })
    }
  }
  return found.sort((x, y) => y.score - x.score)
}
