import { angleDiff } from './descriptors'
import type { FingerTemplate, Minutia } from './minutiae'
import { inArea, type Alignment } from './overlap'

export interface Pairing {
  matched: number
  aInOverlap: number
  bInOverlap: number
  /** Mean square distance tolerance over A's minutiae in the overlap (for the chance model). */
  meanTolerance2: number
  /** pairs[2k], pairs[2k+1]: indices in A and B of the k-th correspondence, k < matched. */
  pairs: Int32Array
}

// Skin stretches more the further it is from where the touches agree (the anchor): the distance
// tolerance grows with the distance from it, as plastic distortion does (Cappelli et al. 2001).
const TOLERANCE_GROWTH = 0.02

/** B's minutiae bucketed in CELL-pixel cells (compressed rows), so pairing looks only nearby. */
interface MinutiaGrid {
  cols: number
  rows: number
  /** Cell c holds members[starts[c]] … members[starts[c+1]−1], in minutia order. */
  starts: Int32Array
  members: Int32Array
}

const CELL = 16
const grids = new WeakMap<FingerTemplate, MinutiaGrid>()

function gridOf(t: FingerTemplate): MinutiaGrid {
  const hit = grids.get(t)
  if (hit) return hit
  const cols = Math.ceil(t.width / CELL) + 1
  const rows = Math.ceil(t.height / CELL) + 1
  const cellOf = (m: Minutia) =>
    Math.min(rows - 1, Math.max(0, Math.floor(m.y / CELL))) * cols +
    Math.min(cols - 1, Math.max(0, Math.floor(m.x / CELL)))
  const starts = new Int32Array(cols * rows + 1)
  for (const m of t.minutiae) {
    const c = cellOf(m) + 1
    starts[c] = (starts[c] as number) + 1
  }
  for (let c = 0; c < cols * rows; c++)
    starts[c + 1] = (starts[c + 1] as number) + (starts[c] as number)
  const fill = starts.slice(0, cols * rows)
  const members = new Int32Array(t.minutiae.length)
  t.minutiae.forEach((m, j) => {
    const c = cellOf(m)
    members[fill[c] as number] = j
    fill[c] = (fill[c] as number) + 1
  })
  const grid = { cols, rows, starts, members }
  grids.set(t, grid)
  return grid
}

/**
 * Under `t`, pairs each of A's minutiae that lands in B's area with the nearest unused minutia of
 * B within the tolerances, and counts each side's minutiae inside the other's area.
 */
export function pairUnderAlignment(
  a: FingerTemplate,
  b: FingerTemplate,
  t: Alignment,
  anchor: { x: number; y: number },
  tolerance: { distance: number; angle: number },
): Pairing {
  const mb = b.minutiae
  const grid = gridOf(b)
  const usedB = new Uint8Array(mb.length)
  const pairs = new Int32Array(2 * Math.min(a.minutiae.length, mb.length))
  let matched = 0
  let aInOverlap = 0
  let tolerance2 = 0
  for (let i = 0; i < a.minutiae.length; i++) {
    const m = a.minutiae[i] as Minutia
    const x = m.x * t.cos - m.y * t.sin + t.dx
    const y = m.x * t.sin + m.y * t.cos + t.dy
    if (!inArea(b, x, y)) continue
    aInOverlap++
    const reach = tolerance.distance + TOLERANCE_GROWTH * Math.hypot(m.x - anchor.x, m.y - anchor.y)
    tolerance2 += reach * reach
    const angle = m.angle + t.rotation
    let bestJ = -1
    let bestD = reach * reach
    const x0 = Math.max(0, Math.floor((x - reach) / CELL))
    const x1 = Math.min(grid.cols - 1, Math.floor((x + reach) / CELL))
    const y0 = Math.max(0, Math.floor((y - reach) / CELL))
    const y1 = Math.min(grid.rows - 1, Math.floor((y + reach) / CELL))
    for (let cy = y0; cy <= y1; cy++) {
      for (let cx = x0; cx <= x1; cx++) {
        const c = cy * grid.cols + cx
        for (let k = grid.starts[c] as number; k < (grid.starts[c + 1] as number); k++) {
          const j = grid.members[k] as number
          const o = mb[j] as Minutia
          const ex = o.x - x
          const ey = o.y - y
          const d = ex * ex + ey * ey
          if (d < bestD && !usedB[j] && angleDiff(o.angle, angle) < tolerance.angle) {
            bestD = d
            bestJ = j
          }
        }
      }
    }
    if (bestJ >= 0) {
      usedB[bestJ] = 1
      pairs[2 * matched] = i
      pairs[2 * matched + 1] = bestJ
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
    pairs,
  }
}

/**
 * The rigid alignment that best fits the correspondences of `p` (least squares, Procrustes in the
 * plane), with the centroid of A's paired minutiae as the new anchor. The anchor pair alone fixes
 * the first alignment; refitting on all the pairs it found spreads the error of plastic distortion
 * over the whole common area, so pairs lost at the far side come back.
 */
export function refitAlignment(a: FingerTemplate, b: FingerTemplate, p: Pairing) {
  if (p.matched < 3) return null
  let ax = 0
  let ay = 0
  let bx = 0
  let by = 0
  for (let k = 0; k < p.matched; k++) {
    const ma = a.minutiae[p.pairs[2 * k] as number] as Minutia
    const mb = b.minutiae[p.pairs[2 * k + 1] as number] as Minutia
    ax += ma.x
    ay += ma.y
    bx += mb.x
    by += mb.y
  }
  ax /= p.matched
  ay /= p.matched
  bx /= p.matched
  by /= p.matched
  let dot = 0
  let cross = 0
  for (let k = 0; k < p.matched; k++) {
    const ma = a.minutiae[p.pairs[2 * k] as number] as Minutia
    const mb = b.minutiae[p.pairs[2 * k + 1] as number] as Minutia
    const ux = ma.x - ax
    const uy = ma.y - ay
    const vx = mb.x - bx
    const vy = mb.y - by
    dot += ux * vx + uy * vy
    cross += ux * vy - uy * vx
  }
  const rotation = Math.atan2(cross, dot)
  const cos = Math.cos(rotation)
  const sin = Math.sin(rotation)
  const alignment: Alignment = {
    rotation,
    cos,
    sin,
    dx: bx - (ax * cos - ay * sin),
    dy: by - (ax * sin + ay * cos),
  }
  return { alignment, anchor: { x: ax, y: ay } }
}
