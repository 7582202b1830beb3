/**
 * Frames the payloads a serial barcode scanner sends out of its byte stream. Scanners in serial
 * (RS-232 or USB-CDC) mode send the decoded text followed by CR, LF or CR LF, some with a
 * configurable prefix or suffix around it. Pure: no timers, no I/O; the driver feeds it bytes with
 * the time they arrived and asks it to expire a payload whose terminator never came.
 */

export const CR = 0x0d
export const LF = 0x0a

/** A CCCD QR payload is about 150 bytes; 4 KiB keeps a runaway stream from growing a buffer. */
export const DEFAULT_MAX_PAYLOAD_BYTES = 4096
/** Scanners send a payload in one burst; this long a pause without a terminator means it is cut. */
export const DEFAULT_IDLE_TIMEOUT_MS = 300

export type FrameRefusal = 'too-long' | 'invalid-utf8' | 'incomplete'

export type FrameEvent =
  { kind: 'payload'; text: string } | { kind: 'refused'; reason: FrameRefusal; byteLength: number }

export interface FramerOptions {
  maxPayloadBytes?: number
  idleTimeoutMs?: number
  /** Text the scanner is set to put before and after each payload; removed when present. */
  prefix?: string
  suffix?: string
}

export interface Framer {
  /** Bytes that arrived at `at` (ms, monotonic); answers the payloads they completed. */
  push(bytes: Uint8Array, at: number): FrameEvent[]
  /** When a partial payload will be given up (`expire` at or after it), or null if none is held. */
  deadline(): number | null
  /** Gives up a partial payload whose deadline passed by `at`. */
  expire(at: number): FrameEvent[]
  /** Drops whatever is held (the port closed). */
  reset(): void
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Strict UTF-8 (fatal on any invalid sequence, a leading BOM removed), or null. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes)
  } catch {
    return null
  }
}

export function createFramer(options: FramerOptions = {}): Framer {
  const maxBytes = options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES
  const idleMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS
  let held: number[] = []
  /** Bytes of the current line dropped after it ran over the limit, until its terminator. */
  let overflowed = 0
  /** The last byte was CR: a LF right after it belongs to the same terminator. */
  let afterCr = false
  let lastByteAt = 0

  const finishLine = (out: FrameEvent[]) => {
    if (overflowed > 0) {
      out.push({ kind: 'refused', reason: 'too-long', byteLength: overflowed })
    } else if (held.length > 0) {
      const event = decodeLine(Uint8Array.from(held), options)
      // A line that was only the prefix and suffix carries nothing.
      if (event.kind === 'refused' || event.text !== '') out.push(event)
    }
    held = []
    overflowed = 0
  }

  return {
    push(bytes, at) {
      const out: FrameEvent[] = []
      for (const byte of bytes) {
        if (byte === LF && afterCr) {
          afterCr = false
          continue
        }
        afterCr = byte === CR
        if (byte === CR || byte === LF) {
          finishLine(out)
        } else if (overflowed > 0 || held.length >= maxBytes) {
          overflowed = overflowed > 0 ? overflowed + 1 : held.length + 1
          held = []
        } else {
          held.push(byte)
        }
      }
      if (bytes.length > 0) lastByteAt = at
      return out
    },
    deadline: () => (held.length > 0 || overflowed > 0 ? lastByteAt + idleMs : null),
    expire(at) {
      if (held.length === 0 && overflowed === 0) return []
      if (at < lastByteAt + idleMs) return []
      const byteLength = overflowed > 0 ? overflowed : held.length
      const reason: FrameRefusal = overflowed > 0 ? 'too-long' : 'incomplete'
      held = []
      overflowed = 0
      afterCr = false
      return [{ kind: 'refused', reason, byteLength }]
    },
    reset() {
      held = []
      overflowed = 0
      afterCr = false
    },
  }
}

function decodeLine(bytes: Uint8Array, options: FramerOptions): FrameEvent {
  const decoded = decodeUtf8(bytes)
  if (decoded === null) return { kind: 'refused', reason: 'invalid-utf8', byteLength: bytes.length }
  let text = decoded
  if (options.prefix && text.startsWith(options.prefix)) text = text.slice(options.prefix.length)
  if (options.suffix && text.endsWith(options.suffix)) text = text.slice(0, -options.suffix.length)
  return { kind: 'payload', text }
}

/** The bytes a scanner sends for `text`: UTF-8, with its prefix, suffix and terminator. */
export function encodeScan(
  text: string,
  options: { terminator?: 'CR' | 'LF' | 'CRLF' | 'none'; prefix?: string; suffix?: string } = {},
): Uint8Array {
  const terminator = { CR: '\r', LF: '\n', CRLF: '\r\n', none: '' }[options.terminator ?? 'CR']
  return new TextEncoder().encode(
    `${options.prefix ?? ''}${text}${options.suffix ?? ''}${terminator}`,
  )
}
