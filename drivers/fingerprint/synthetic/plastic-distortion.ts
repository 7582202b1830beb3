import type { Random } from './random'

/**
 * Plastic (non-linear) skin distortion after Cappelli, Maio and Maltoni, "Modelling plastic
 * distortion in fingerprint images" (ICAPR 2001, LNCS 2013, pp. 369–376), the model SFinGe uses.
 * The skin splits into three regions: a close-contact region that sticks to the platen and does not
 * move, an external region that follows the finger's rigid push (a small rotation and translation),
 * and a transition region between them where a "brake" function blends the two smoothly. The
 * transition width is the model's k.
 */
export interface PlasticDistortion {
  /** Centre of the close-contact region, master pixels. */
  cx: number
  cy: number
  /** Semi-axes of the close-contact ellipse, pixels. */
  rx: number
  ry: number
  /** Width of the transition region, pixels. */
  k: number
  /** Rigid motion of the external region about the centre: rotation (radians), then shift (pixels). */
  rotation: number
  tx: number
  ty: number
}

/**
 * Draws a distortion for a touch whose contact area has the given centre and radius. The rigid part
 * moves the rim by up to about 15 px at 500 ppi, in line with the displacements measured on
 * FVC2002 sequences (Cappelli et al. report several tens of pixels only for deliberate twisting).
 */
export function drawPlasticDistortion(
  random: Random,
  centre: { x: number; y: number },
  contactRadius: number,
): PlasticDistortion {
  const shift = random.range(3, 9)
  const direction = random.range(0, 2 * Math.PI)
  return {
    cx: centre.x + random.range(-20, 20),
    cy: centre.y + random.range(-20, 20),
    rx: contactRadius * random.range(0.25, 0.45),
    ry: contactRadius * random.range(0.3, 0.55),
    k: contactRadius * random.range(0.35, 0.7),
    rotation: (random.range(-3.5, 3.5) * Math.PI) / 180,
    tx: Math.cos(direction) * shift,
    ty: Math.sin(direction) * shift,
  }
}

/** Brake of the transition region: 0 at the close-contact border, rising smoothly towards 1. */
function brake(distance: number, k: number): number {
  return 1 - Math.exp(-(distance * distance) / (2 * k * k))
}

/** Displacement (pixels) that the distortion applies to the skin point (x, y). */
export function plasticDisplacement(
  d: PlasticDistortion,
  x: number,
  y: number,
): { dx: number; dy: number } {
  const ux = x - d.cx
  const uy = y - d.cy
  const normalised = Math.hypot(ux / d.rx, uy / d.ry)
  if (normalised <= 1) return { dx: 0, dy: 0 }
  // Distance outside the ellipse, measured along the ray from the centre.
  const distance = Math.hypot(ux, uy) * (1 - 1 / normalised)
  const b = brake(distance, d.k)
  const cos = Math.cos(d.rotation)
  const sin = Math.sin(d.rotation)
  const rigidX = ux * cos - uy * sin + d.tx - ux
  const rigidY = ux * sin + uy * cos + d.ty - uy
  return { dx: rigidX * b, dy: rigidY * b }
}
