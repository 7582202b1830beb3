/**
 * Zhang–Suen thinning of a binary image (1 = ridge) to one-pixel-wide skeleton lines, in place.
 * The outermost rows and columns are cleared first so neighbour lookups never leave the image.
 */
export function thin(binary: Uint8Array, width: number, height: number): Uint8Array {
  for (let x = 0; x < width; x++) {
    binary[x] = 0
    binary[(height - 1) * width + x] = 0
  }
  for (let y = 0; y < height; y++) {
    binary[y * width] = 0
    binary[y * width + width - 1] = 0
  }
  const remove: number[] = []
  let changed = true
  while (changed) {
    changed = false
    for (let pass = 0; pass < 2; pass++) {
      remove.length = 0
      for (let y = 1; y < height - 1; y++) {
        for (let x = 1; x < width - 1; x++) {
          const p = y * width + x
          if (!binary[p]) continue
          const p2 = binary[p - width] as number
          const p3 = binary[p - width + 1] as number
          const p4 = binary[p + 1] as number
          const p5 = binary[p + width + 1] as number
          const p6 = binary[p + width] as number
          const p7 = binary[p + width - 1] as number
          const p8 = binary[p - 1] as number
          const p9 = binary[p - width - 1] as number
          const neighbours = p2 + p3 + p4 + p5 + p6 + p7 + p8 + p9
          if (neighbours < 2 || neighbours > 6) continue
          const transitions =
            (p2 === 0 && p3 === 1 ? 1 : 0) +
            (p3 === 0 && p4 === 1 ? 1 : 0) +
            (p4 === 0 && p5 === 1 ? 1 : 0) +
            (p5 === 0 && p6 === 1 ? 1 : 0) +
            (p6 === 0 && p7 === 1 ? 1 : 0) +
            (p7 === 0 && p8 === 1 ? 1 : 0) +
            (p8 === 0 && p9 === 1 ? 1 : 0) +
            (p9 === 0 && p2 === 1 ? 1 : 0)
          if (transitions !== 1) continue
          if (
            pass === 0
              ? p2 * p4 * p6 !== 0 || p4 * p6 * p8 !== 0
              : p2 * p4 * p8 !== 0 || p2 * p6 * p8 !== 0
          ) {
            continue
          }
          remove.push(p)
        }
      }
      for (const p of remove) binary[p] = 0
      if (remove.length) changed = true
    }
  }
  return binary
}
