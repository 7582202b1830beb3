import type { Random } from './random'

/**
 * Creases and scars: lines where the skin does not reach the platen, so the ridges break into a light
 * band. Each mark is a circular arc (a large radius gives the nearly straight flexion creases, a small
 * one the curved scars), `width` pixels wide; `depth` is how much ink it removes (0 … 1).
 */
export interface SkinMark {
  kind: 'crease' | 'scar'
  /** Centre and radius of the arc's circle, master pixels. */
  ax: number
  ay: number
  radius: number
  /** Arc from angle `start` over `span` radians. */
  start: number
  span: number
  width: number
  depth: number
}

/** A few creases (0–4, mostly across the pad) and sometimes a scar, around the pad centre. */
export function drawSkinMarks(random: Random, centre: { x: number; y: number }): SkinMark[] {
  const marks: SkinMark[] = []
  const creases = random.int(5)
  for (let i = 0; i < creases; i++) {
    const radius = random.range(300, 1200)
    // Creases run roughly across the finger; the arc passes near a point of the pad.
    const through = { x: centre.x + random.range(-120, 120), y: centre.y + random.range(-80, 160) }
    const normal = Math.PI / 2 + random.range(-0.6, 0.6)
    const length = random.range(80, 260)
    marks.push({
      kind: 'crease',
      ax: through.x - Math.cos(normal) * radius,
      ay: through.y - Math.sin(normal) * radius,
      radius,
      start: normal - length / radius / 2,
      span: length / radius,
      width: random.range(1.5, 4),
      depth: random.range(0.6, 1),
    })
  }
  if (random.next() < 0.25) {
    const radius = random.range(40, 140)
    const span = random.range(0.6, 1.8)
    marks.push({
      kind: 'scar',
      ax: centre.x + random.range(-110, 110),
      ay: centre.y + random.range(-110, 110),
      radius,
      start: random.range(0, 2 * Math.PI),
      span,
      width: random.range(4, 9),
      depth: 1,
    })
  }
  return marks
}

const TWO_PI = 2 * Math.PI

/** Share of ink the marks remove at skin point (x, y): 0 outside every mark, up to 1. */
export function markShade(marks: readonly SkinMark[], x: number, y: number): number {
  let shade = 0
  for (const m of marks) {
    const dx = x - m.ax
    const dy = y - m.ay
    const off = Math.abs(Math.hypot(dx, dy) - m.radius)
    if (off > m.width) continue
    const along = (((Math.atan2(dy, dx) - m.start) % TWO_PI) + TWO_PI) % TWO_PI
    if (along > m.span) continue
    // Soft edges: full depth in the middle, fading over the outer half of the band.
    const s = m.depth * Math.min(1, 2 * (1 - off / m.width))
    if (s > shade) shade = s
  }
  return shade
}
