/**
 * Zhang–Suen thinning of a binary image (1 = ridge) to one-pixel-wide skeleton lines, in place.
 * The outermost rows and columns are cleared first so neighbour lookups never leave the image.
 *
 * The test of each sub-iteration depends only on the 8 neighbours, so it is one lookup in a
 * 256-entry table per pass; and only pixels still set are visited (a list that shrinks as the
 * ridges thin), not the whole image. Removals are applied after each sub-iteration, as in the
 * original algorithm, so the result is the same skeleton.
 */

// Neighbour bits: p2 (N) = 1, p3 (NE) = 2, p4 (E) = 4, p5 (SE) = 8, p6 (S) = 16, p7 (SW) = 32,
// p8 (W) = 64, p9 (NW) = 128: the clockwise order of Zhang and Suen.
function removable(bits: number, pass: number): boolean {
  const p = (k: number) => (bits >> k) & 1
  const [p2, p3, p4, p5, p6, p7, p8, p9] = [p(0), p(1), p(2), p(3), p(4), p(5), p(6), p(7)]
  const neighbours = p2 + p3 + p4 + p5 + p6 + p7 + p8 + p9
  if (neighbours < 2 || neighbours > 6) return false
  const ring = [p2, p3, p4, p5, p6, p7, p8, p9, p2]
  let transitions = 0
  for (let k = 0; k < 8; k++) if (ring[k] === 0 && ring[k + 1] === 1) transitions++
  if (transitions !== 1) return false
  return pass === 0
    ? p2 * p4 * p6 === 0 && p4 * p6 * p8 === 0
    : p2 * p4 * p8 === 0 && p2 * p6 * p8 === 0
}

const TABLES = [0, 1].map((pass) => {
  const table = new Uint8Array(256)
  for (let bits = 0; bits < 256; bits++) table[bits] = removable(bits, pass) ? 1 : 0
  return table
})

function neighbourBits(binary: Uint8Array, p: number, width: number): number {
  return (
    (binary[p - width] as number) |
    ((binary[p - width + 1] as number) << 1) |
    ((binary[p + 1] as number) << 2) |
    ((binary[p + width + 1] as number) << 3) |
    ((binary[p + width] as number) << 4) |
    ((binary[p + width - 1] as number) << 5) |
    ((binary[p - 1] as number) << 6) |
    ((binary[p - width - 1] as number) << 7)
  )
}

export function thin(binary: Uint8Array, width: number, height: number): Uint8Array {
  for (let x = 0; x < width; x++) {
    binary[x] = 0
    binary[(height - 1) * width + x] = 0
  }
  for (let y = 0; y < height; y++) {
    binary[y * width] = 0
    binary[y * width + width - 1] = 0
  }
  const live = new Int32Array(binary.length)
  let count = 0
  for (let p = 0; p < binary.length; p++) if (binary[p]) live[count++] = p
  const remove = new Int32Array(count)
  let changed = true
  while (changed) {
    changed = false
    for (let pass = 0; pass < 2; pass++) {
      const table = TABLES[pass] as Uint8Array
      let removals = 0
      for (let k = 0; k < count; k++) {
        const p = live[k] as number
        if (binary[p] && table[neighbourBits(binary, p, width)]) remove[removals++] = p
      }
      for (let k = 0; k < removals; k++) binary[remove[k] as number] = 0
      if (removals) changed = true
    }
    // Keep only the pixels still set for the next round.
    let kept = 0
    for (let k = 0; k < count; k++) {
      const p = live[k] as number
      if (binary[p]) live[kept++] = p
    }
    count = kept
  }
  return binary
}
