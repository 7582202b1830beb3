import type { GreyImage } from './encoder'

/** Peak signal-to-noise ratio of b against a, in dB (Infinity when they are equal). */
export function psnr(a: Uint8Array, b: Uint8Array): number {
  let squares = 0
  for (let i = 0; i < a.length; i++) squares += ((a[i] ?? 0) - (b[i] ?? 0)) ** 2
  return squares === 0 ? Infinity : 10 * Math.log10((255 * 255 * a.length) / squares)
}

export function bitsPerPixel(file: Uint8Array, image: { width: number; height: number }): number {
  return (file.length * 8) / (image.width * image.height)
}

export function flatImage(width: number, height: number, value: number): GreyImage {
  return { width, height, pixels: new Uint8Array(width * height).fill(value) }
}

/** A diagonal ramp from 20 to 235: smooth, so nearly all of it lives in the low bands. */
export function gradientImage(width: number, height: number): GreyImage {
  const pixels = new Uint8Array(width * height)
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      pixels[y * width + x] = Math.round(20 + (215 * (x + y)) / (width + height - 2))
  return { width, height, pixels }
}
