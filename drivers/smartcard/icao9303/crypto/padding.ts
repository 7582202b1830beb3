import { ParseError } from '../../../../lib/parse-error'

/** ISO/IEC 9797-1 padding method 2: append 80, then 00s up to a multiple of `blockSize`. Always pads. */
export function pad(data: Uint8Array, blockSize: number): Uint8Array {
  const out = new Uint8Array((Math.floor(data.length / blockSize) + 1) * blockSize)
  out.set(data)
  out[data.length] = 0x80
  return out
}

/** Removes method-2 padding; throws ParseError('padding') when the data does not end in 80 00…. */
export function unpad(data: Uint8Array): Uint8Array {
  let at = data.length - 1
  while (at >= 0 && data[at] === 0x00) at--
  if (at < 0 || data[at] !== 0x80)
    throw new ParseError('padding', 'no 80 marker before the 00 fill')
  return data.slice(0, at)
}
