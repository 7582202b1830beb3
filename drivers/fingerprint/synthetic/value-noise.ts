import type { Random } from './random'

/**
 * Smooth 2-D noise in [0, 1]: random values on a lattice of `cell` pixels, bilinearly interpolated.
 * Used for dry patches, uneven contact and skin distortion.
 */
export interface ValueNoise {
  at(x: number, y: number): number
}

export function createValueNoise(
  random: Random,
  width: number,
  height: number,
  cell: number,
): ValueNoise {
  const gw = Math.ceil(width / cell) + 3
  const gh = Math.ceil(height / cell) + 3
  const grid = new Float32Array(gw * gh)
  for (let i = 0; i < grid.length; i++) grid[i] = random.next()
  return {
    at(x, y) {
      const fx = Math.min(Math.max(x / cell + 1, 0), gw - 2.0001)
      const fy = Math.min(Math.max(y / cell + 1, 0), gh - 2.0001)
      const ix = Math.floor(fx)
      const iy = Math.floor(fy)
      const tx = fx - ix
      const ty = fy - iy
      // Smoothstep weights hide the lattice.
      const sx = tx * tx * (3 - 2 * tx)
      const sy = ty * ty * (3 - 2 * ty)
      const i = iy * gw + ix
      const a = (grid[i] as number) + ((grid[i + 1] as number) - (grid[i] as number)) * sx
      const b =
        (grid[i + gw] as number) + ((grid[i + gw + 1] as number) - (grid[i + gw] as number)) * sx
      return a + (b - a) * sy
    },
  }
}
