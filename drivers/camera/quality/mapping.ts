/**
 * OFIQ's mapping of raw values to 0–100 (`OFIQlib/src/Measure.h`): Q = h·(a + s·σ(x)),
 * σ(x) = 1 / (1 + exp((x0 − x)/w)), rounded and clamped. Parameters per component are those of
 * OFIQ's shipped `data/ofiq_config.jaxn` (v1.0.3), as transcribed in research/portrait.md §1.3.
 */
export interface Sigmoid {
  readonly h?: number
  readonly a?: number
  readonly s?: number
  readonly x0: number
  readonly w: number
}

export function sigmoidScalar(x: number, p: Sigmoid): number {
  const h = p.h ?? 100
  const a = p.a ?? 0
  const s = p.s ?? 1
  const sigma = 1 / (1 + Math.exp((p.x0 - x) / p.w))
  return clampScalar(h * (a + s * sigma))
}

export function clampScalar(value: number): number {
  if (!Number.isFinite(value)) return 0
  return Math.min(100, Math.max(0, Math.round(value)))
}

/** Inverse form (a = 1, s = −1): high raw values score low. */
export function inverseSigmoid(x0: number, w: number, h = 100): Sigmoid {
  return { h, a: 1, s: -1, x0, w }
}

/** Head pose (0x58–0x5A): round(100·max(0, cos θ)²), θ in degrees. */
export function poseScalar(degrees: number): number {
  const c = Math.max(0, Math.cos((degrees * Math.PI) / 180))
  return clampScalar(100 * c * c)
}

/** LuminanceMean (0x44): 100·σ(m; 0.2, 0.05)·(1 − σ(m; 0.8, 0.05)), m in 0–1. */
export function luminanceMeanScalar(mean: number): number {
  const rise = 1 / (1 + Math.exp((0.2 - mean) / 0.05))
  const fall = 1 / (1 + Math.exp((0.8 - mean) / 0.05))
  return clampScalar(100 * rise * (1 - fall))
}

/** LuminanceVariance (0x45): 100·sin(π·60v / (60v + 1)), v the variance of luminance in 0–1. */
export function luminanceVarianceScalar(variance: number): number {
  return clampScalar(100 * Math.sin((Math.PI * 60 * variance) / (60 * variance + 1)))
}
