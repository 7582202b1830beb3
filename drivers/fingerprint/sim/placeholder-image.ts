import type { FingerImage } from '../finger-image'

/**
 * A plain ridge pattern (concentric ellipses inside an oval pad) for the simulators until a real
 * synthetic generator is wired in. Deterministic: the same seed gives the same pixels.
 */
export function placeholderFingerImage(
  width = 256,
  height = 288,
  ppi = 500,
  seed = 0,
): FingerImage {
  const pixels = new Uint8Array(width * height).fill(255)
  const cx = width / 2 + ((seed * 7) % 11) - 5
  const cy = height / 2 + ((seed * 13) % 17) - 8
  const period = 9 // pixels between ridges, ~ 0.46 mm at 500 ppi
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dx = (x - cx) / (width * 0.42)
      const dy = (y - cy) / (height * 0.45)
      if (dx * dx + dy * dy > 1) continue
      const r = Math.hypot(x - cx, (y - cy) * 0.8)
      const ridge = 0.5 + 0.5 * Math.cos((2 * Math.PI * r) / period + seed)
      pixels[y * width + x] = Math.round(40 + 190 * ridge)
    }
  }
  return { width, height, ppi, pixels }
}
