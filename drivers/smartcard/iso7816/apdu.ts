import { ParseError } from '../../../lib/parse-error'
import type { LengthLimits } from './length-limits'

/** An ISO 7816-4 command APDU. `le` is the expected response length; 0 means "as much as possible". */
export interface CommandApdu {
  cla: number
  ins: number
  p1: number
  p2: number
  data?: Uint8Array
  le?: number
}

/** A response APDU: body and the two status bytes as one number (0x9000). */
export interface ResponseApdu {
  data: Uint8Array
  sw: number
}

/** The byte-level link to a card: one command APDU out, one response APDU (with SW) back. */
export interface CardLink {
  transmit(command: Uint8Array): Promise<Uint8Array>
  /** The ATR the reader reports (for a contactless card, built from the ATS), when it knows it. */
  readonly atr?: Uint8Array
  /**
   * The reader's own APDU data limit (PC/SC part 10 dwMaxAPDUDataSize): 0 for short APDUs only,
   * null when the reader does not report one.
   */
  readerMaxApduData?(): Promise<number | null>
}

/** A channel whose lengths the terminal still chooses, from what card and reader report. */
export interface LengthNegotiation {
  readonly atr: Uint8Array | undefined
  readerMaxApduData(): Promise<number | null>
  apply(limits: LengthLimits): void
}

/** The APDU-level channel the ICAO layers talk to; secure messaging is another CardChannel on top. */
export interface CardChannel {
  transmit(command: CommandApdu): Promise<ResponseApdu>
  /** Whether the card accepts extended-length APDUs (Lc/Le above 255/256). */
  readonly extendedLength: boolean
  /** What one APDU may carry here, when the channel knows (ApduChannel always does). */
  readonly limits?: LengthLimits
  /** Present while the channel's lengths are the terminal's to choose (not fixed by its maker). */
  readonly negotiation?: LengthNegotiation
}

export const SW_OK = 0x9000

/**
 * Encodes a command in short form when it fits, else extended form (ISO 7816-4 §5.1).
 * Le = 256 (short) / 65536 (extended) are written as 00 / 0000.
 */
export function encodeCommand(command: CommandApdu, forceExtended = false): Uint8Array {
  const data = command.data ?? new Uint8Array(0)
  const le = command.le
  const extended = forceExtended || data.length > 255 || (le !== undefined && le > 256)
  if (data.length > 65535 || (le !== undefined && (le < 0 || le > 65536))) {
    throw new RangeError(`APDU too long: Lc ${data.length}, Le ${le}`)
  }
  const out: number[] = [command.cla, command.ins, command.p1, command.p2]
  if (!extended) {
    if (data.length) out.push(data.length, ...data)
    if (le !== undefined) out.push(le === 256 ? 0 : le)
  } else {
    if (data.length) out.push(0, data.length >> 8, data.length & 0xff, ...data)
    if (le !== undefined) {
      const v = le === 65536 ? 0 : le
      if (!data.length) out.push(0)
      out.push(v >> 8, v & 0xff)
    }
  }
  return Uint8Array.from(out)
}

/** Decodes a command APDU (the card side needs this). Throws ParseError on malformed lengths. */
export function decodeCommand(bytes: Uint8Array): CommandApdu & { extended: boolean } {
  if (bytes.length < 4) throw new ParseError('apdu', `command of ${bytes.length} bytes`)
  const [cla = 0, ins = 0, p1 = 0, p2 = 0] = bytes
  const base = { cla, ins, p1, p2 }
  const body = bytes.subarray(4)
  if (body.length === 0) return { ...base, extended: false }
  if (body.length === 1) return { ...base, le: body[0] || 256, extended: false }
  const b0 = body[0] ?? 0
  if (b0 !== 0 || body.length < 3) {
    // short form: Lc data [Le]
    const lc = b0
    if (body.length === 1 + lc) return { ...base, data: body.slice(1), extended: false }
    if (body.length === 2 + lc) {
      return { ...base, data: body.slice(1, 1 + lc), le: body[1 + lc] || 256, extended: false }
    }
    throw new ParseError('apdu', `Lc ${lc} does not match ${body.length - 1} data bytes`)
  }
  // extended form: 00 Lc1 Lc2 data [Le1 Le2] or 00 Le1 Le2
  const n = ((body[1] ?? 0) << 8) | (body[2] ?? 0)
  if (body.length === 3) return { ...base, le: n || 65536, extended: true }
  const data = body.subarray(3, 3 + n)
  if (body.length === 3 + n) return { ...base, data: data.slice(), extended: true }
  if (body.length === 5 + n) {
    const le = ((body[3 + n] ?? 0) << 8) | (body[4 + n] ?? 0)
    return { ...base, data: data.slice(), le: le || 65536, extended: true }
  }
  throw new ParseError('apdu', `extended Lc ${n} does not match ${body.length - 3} bytes`)
}

export function decodeResponse(bytes: Uint8Array): ResponseApdu {
  if (bytes.length < 2) throw new ParseError('apdu', `response of ${bytes.length} bytes`)
  const n = bytes.length
  return { data: bytes.slice(0, n - 2), sw: ((bytes[n - 2] ?? 0) << 8) | (bytes[n - 1] ?? 0) }
}

export function encodeResponse(response: ResponseApdu): Uint8Array {
  const out = new Uint8Array(response.data.length + 2)
  out.set(response.data)
  out[response.data.length] = response.sw >> 8
  out[response.data.length + 1] = response.sw & 0xff
  return out
}
