import { WsqError } from './errors'

/** Big-endian output that grows as it is written. */
export class ByteWriter {
  private readonly chunks: number[] = []

  byte(v: number): this {
    this.chunks.push(v & 0xff)
    return this
  }

  u16(v: number): this {
    return this.byte(v >>> 8).byte(v)
  }

  u32(v: number): this {
    return this.u16(v >>> 16).u16(v & 0xffff)
  }

  bytes(data: Uint8Array): this {
    for (const b of data) this.chunks.push(b)
    return this
  }

  get length(): number {
    return this.chunks.length
  }

  toBytes(): Uint8Array {
    return Uint8Array.from(this.chunks)
  }
}

/** Big-endian input that never reads past its end: running out is WsqError('truncated'). */
export class ByteReader {
  constructor(
    readonly data: Uint8Array,
    public position = 0,
    readonly end = data.length,
  ) {}

  private need(n: number, what: string): void {
    if (this.position + n > this.end)
      throw new WsqError('truncated', `${what} at byte ${this.position} needs ${n} more bytes`)
  }

  byte(what: string): number {
    this.need(1, what)
    return this.data[this.position++] ?? 0
  }

  u16(what: string): number {
    this.need(2, what)
    const v = ((this.data[this.position] ?? 0) << 8) | (this.data[this.position + 1] ?? 0)
    this.position += 2
    return v
  }

  u32(what: string): number {
    return this.u16(what) * 0x10000 + this.u16(what)
  }

  take(n: number, what: string): Uint8Array {
    this.need(n, what)
    const out = this.data.subarray(this.position, this.position + n)
    this.position += n
    return out
  }

  get remaining(): number {
    return this.end - this.position
  }
}

/**
 * The spec's scaled numbers (§B.2): an exponent byte E and an unsigned mantissa M standing for
 * M / 10^E. The encoder picks the largest E whose mantissa still fits, for the most digits.
 */
export function toScaled(
  value: number,
  maxMantissa: number,
): { exponent: number; mantissa: number } {
  if (!(value >= 0) || !Number.isFinite(value))
    throw new WsqError('bad-image', `${value} cannot be written as a scaled number`)
  if (value === 0) return { exponent: 0, mantissa: 0 }
  if (Math.round(value) > maxMantissa)
    throw new WsqError('bad-image', `${value} is too large for a scaled number`)
  let exponent = 0
  while (exponent < 20 && Math.round(value * 10 ** (exponent + 1)) <= maxMantissa) exponent++
  return { exponent, mantissa: Math.round(value * 10 ** exponent) }
}

export function fromScaled(exponent: number, mantissa: number): number {
  return mantissa / 10 ** exponent
}

export function writeScaled16(w: ByteWriter, value: number): void {
  const s = toScaled(value, 0xffff)
  w.byte(s.exponent).u16(s.mantissa)
}

export function readScaled16(r: ByteReader, what: string): number {
  const exponent = r.byte(what)
  return fromScaled(exponent, r.u16(what))
}

/** The value a decoder will read back for `value` (the encoder quantises with these). */
export function roundTripScaled16(value: number): number {
  const s = toScaled(value, 0xffff)
  return fromScaled(s.exponent, s.mantissa)
}
