import type { EyeCentres } from '../types'

/**
 * The token frontal image geometry, every number a fraction of the image width W.
 *
 * UNCONFIRMED: these fractions are recollection (research note portrait.md §2, "Token frontal
 * geometry"), believed to come from ISO/IEC 19794-5:2005 §8.3 (token face image type) as carried
 * into the 2011 edition's token frontal image type. No stored source backed them; check them
 * against the licensed text before relying on them. Every use in the code goes through this object.
 */
export const TOKEN_GEOMETRY = {
  /** x of the midpoint between the eye centres. */
  eyeMidpointX: 0.5,
  /** y of the eye line from the top of the image. */
  eyeLineY: 0.6,
  /** Distance between the two eye centres. */
  interEyeDistance: 0.25,
  /** Width ÷ height (3:4 portrait): H = W / 0.75. */
  widthToHeight: 0.75,
  /** Smallest width the token image type allows, in pixels. */
  minWidth: 240,
} as const

/** Our own bound: wider than any portrait needs, and the u16 width field of the record holds it. */
export const MAX_TOKEN_WIDTH = 4096
export const DEFAULT_TOKEN_WIDTH = 480

/** Token height for a width: W / 0.75, rounded (480 → 640). */
export function tokenHeight(width: number): number {
  return Math.round(width / TOKEN_GEOMETRY.widthToHeight)
}

/** Where the eye centres land in a token image of this width. */
export function tokenEyeCentres(width: number): EyeCentres {
  const midX = TOKEN_GEOMETRY.eyeMidpointX * width
  const y = TOKEN_GEOMETRY.eyeLineY * width
  const half = (TOKEN_GEOMETRY.interEyeDistance * width) / 2
  return { imageLeft: [midX - half, y], imageRight: [midX + half, y] }
}
