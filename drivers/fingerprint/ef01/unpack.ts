/**
 * UpImage sends two pixels per byte, high nibble first; each 4-bit level n becomes n × 17, so 0 → 0
 * and 15 → 255 (fingerprint.md §1.2).
 */
export function unpackGrey4(packed: Uint8Array, pixelCount = packed.length * 2): Uint8Array {
  if (pixelCount > packed.length * 2) {
    throw new RangeError(
      `${packed.length} packed bytes hold ${packed.length * 2} pixels, not ${pixelCount}`,
    )
  }
  const out = new Uint8Array(pixelCount)
  const pairs = pixelCount >> 1
  for (let i = 0; i < pairs; i++) {
    const b = packed[i] ?? 0
    out[2 * i] = (b >> 4) * 17
    out[2 * i + 1] = (b & 0x0f) * 17
  }
  if (pixelCount & 1) out[pixelCount - 1] = ((packed[pairs] ?? 0) >> 4) * 17
  return out
}

/** The module's side: 8-bit pixels to 4-bit pairs (rounded to the nearest level). */
export function packGrey4(pixels: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(pixels.length / 2))
  for (let i = 0; i < pixels.length; i += 2) {
    const hi = Math.round((pixels[i] ?? 0) / 17)
    const lo = i + 1 < pixels.length ? Math.round((pixels[i + 1] ?? 0) / 17) : 0
    out[i >> 1] = (hi << 4) | lo
  }
  return out
}
