import { describe, expect, it } from 'vitest'
import type { FingerTemplate, Minutia } from './minutiae'
import { pairUnderAlignment, refitAlignment } from './pairing'

const BLOCK = 16

function template(minutiae: Minutia[]): FingerTemplate {
  const cols = 25
  const rows = 31
  return {
    width: cols * BLOCK,
    height: rows * BLOCK,
    ppi: 500,
    minutiae,
    blockSize: BLOCK,
    cols,
    rows,
    area: new Uint8Array(cols * rows).fill(1),
    orientation: new Float32Array(cols * rows),
  }
}

// A fixed scatter of minutiae over the middle of the print, deterministic without a generator.
const A: Minutia[] = [...Array(30).keys()].map((k) => ({
  x: 80 + ((k * 53) % 240),
  y: 80 + ((k * 97) % 320),
  angle: (k * 0.7) % (2 * Math.PI),
  type: k % 2 ? 'ending' : 'bifurcation',
}))

function moved(rotation: number, dx: number, dy: number, jitter: number): Minutia[] {
  return A.map((m, k) => ({
    ...m,
    x: m.x * Math.cos(rotation) - m.y * Math.sin(rotation) + dx + jitter * Math.sin(k * 2.1),
    y: m.x * Math.sin(rotation) + m.y * Math.cos(rotation) + dy + jitter * Math.cos(k * 1.3),
    angle: m.angle + rotation,
  }))
}

describe('alignment refit', () => {
  it('recovers the rigid motion from the pairs a rough alignment found', () => {
    const a = template(A)
    const b = template(moved(0.15, 12, -9, 1.5))
    // A rough start: the right turn but 5 px off, as an anchor pair alone would give.
    const rough = { rotation: 0.15, cos: Math.cos(0.15), sin: Math.sin(0.15), dx: 17, dy: -5 }
    const tolerance = { distance: 10, angle: Math.PI / 7 }
    const first = pairUnderAlignment(a, b, rough, { x: 200, y: 240 }, tolerance)
    expect(first.matched).toBeGreaterThanOrEqual(25)
    const refit = refitAlignment(a, b, first)
    expect(refit).not.toBeNull()
    expect(refit?.alignment.rotation ?? 0).toBeCloseTo(0.15, 2)
    expect(Math.abs((refit?.alignment.dx ?? 0) - 12)).toBeLessThan(1.5)
    expect(Math.abs((refit?.alignment.dy ?? 0) + 9)).toBeLessThan(1.5)
    // Under the refitted alignment a tolerance far tighter than the start's 5 px error holds.
    const tight = { distance: 4, angle: Math.PI / 7 }
    const again = pairUnderAlignment(a, b, refit?.alignment ?? rough, refit?.anchor ?? A[0]!, tight)
    expect(again.matched).toBe(A.length)
    for (let k = 0; k < again.matched; k++) expect(again.pairs[2 * k + 1]).toBe(again.pairs[2 * k])
  })

  it('needs three pairs to fit', () => {
    const a = template(A.slice(0, 2))
    const b = template(moved(0, 0, 0, 0).slice(0, 2))
    const t = { rotation: 0, cos: 1, sin: 0, dx: 0, dy: 0 }
    const p = pairUnderAlignment(a, b, t, { x: 0, y: 0 }, { distance: 10, angle: 0.5 })
    expect(p.matched).toBe(2)
    expect(refitAlignment(a, b, p)).toBeNull()
  })
})
