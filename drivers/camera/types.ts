/**
 * The shapes every part of portrait capture shares: the frame, what the face models saw in it,
 * and the quality assessment built from both. Plain data only, so the renderer's worker, the
 * main process and the CLI pass them around (and over IPC) unchanged.
 */

/** An image as RGBA bytes, row-major, 4 bytes per pixel (what a canvas ImageData holds). */
export interface RgbaFrame {
  readonly width: number
  readonly height: number
  readonly data: Uint8Array | Uint8ClampedArray
}

/** A point in image pixels: x to the right, y down. */
export type Point = readonly [x: number, y: number]

/** The two eye centres, named by where they appear in the image (not the subject's left). */
export interface EyeCentres {
  readonly imageLeft: Point
  readonly imageRight: Point
}

/** What the face models report for one face, reduced to numbers. */
export interface FaceObservation {
  /** Detector box in pixels: x, y, width, height. */
  readonly box: readonly [number, number, number, number]
  /** Detector and mesh confidence, 0–1. */
  readonly score: number
  /** 478 mesh points (468 face + 10 iris) in pixels, [x, y, z]. */
  readonly mesh: readonly (readonly [number, number, number])[]
  /** Head rotation in radians as the mesh gives it. */
  readonly rotation: { readonly yaw: number; readonly pitch: number; readonly roll: number }
  /** Emotion scores 0–1 by label (neutral, happy, …); empty when the model did not run. */
  readonly emotion: Readonly<Record<string, number>>
  /** Face descriptor (faceres, 1024 floats) when the description model ran. */
  readonly embedding?: readonly number[]
  /** Anti-spoof score 0–1 (higher = real) when that model ran. */
  readonly real?: number
  /** Liveness score 0–1 (higher = live) when that model ran. */
  readonly live?: number
}
