import type { FingerTemplate } from './minutiae'

/** A rigid alignment of A onto B: rotate by `rotation`, then shift by (dx, dy). */
export interface Alignment {
  rotation: number
  cos: number
  sin: number
  dx: number
  dy: number
}

export function inArea(t: FingerTemplate, x: number, y: number): boolean {
  const bx = Math.floor(x / t.blockSize)
  const by = Math.floor(y / t.blockSize)
  if (bx < 0 || by < 0 || bx >= t.cols || by >= t.rows) return false
  return t.area[by * t.cols + bx] === 1
}

export interface Overlap {
  /** Common area of the two usable areas under the alignment, square pixels (of A). */
  area: number
  /** Mean cos 2(θA + rotation − θB) over the common blocks (0 with fewer than 4 of them). */
  agreement: number
}

/** Common area and ridge-flow agreement: A's area blocks that land in B's area under `t`. */
export function overlapOf(a: FingerTemplate, b: FingerTemplate, t: Alignment): Overlap {
  let sum = 0
  let n = 0
  const inv = 1 / b.blockSize
  for (let by = 0; by < a.rows; by++) {
    const y = (by + 0.5) * a.blockSize
    for (let bx = 0; bx < a.cols; bx++) {
      const i = by * a.cols + bx
      if (!a.area[i]) continue
      const x = (bx + 0.5) * a.blockSize
      const tx = Math.floor((x * t.cos - y * t.sin + t.dx) * inv)
      const ty = Math.floor((x * t.sin + y * t.cos + t.dy) * inv)
      if (tx < 0 || ty < 0 || tx >= b.cols || ty >= b.rows) continue
      const j = ty * b.cols + tx
      if (!b.area[j]) continue
      sum += Math.cos(
        2 * ((a.orientation[i] as number) + t.rotation - (b.orientation[j] as number)),
      )
      n++
    }
  }
  return { area: n * a.blockSize * a.blockSize, agreement: n >= 4 ? sum / n : 0 }
}
