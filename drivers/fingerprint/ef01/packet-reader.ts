import { concat } from '../../../lib/bytes'
import {
  decodePacket,
  EF01_HEADER_HI,
  EF01_HEADER_LO,
  PREAMBLE_SIZE,
  preambleProblem,
  type Ef01Packet,
} from './codec'
import { Ef01FrameError } from './errors'

export type ReaderEvent =
  | { kind: 'packet'; packet: Ef01Packet; size: number }
  /** Bytes before a header, e.g. the R503's 0x55 ready byte or line noise. */
  | { kind: 'skipped'; bytes: Uint8Array }
  | { kind: 'error'; error: Ef01FrameError }

/**
 * Cuts a byte stream into EF01 packets. It resynchronises on the next `EF 01` after garbage; a
 * packet with a bad checksum is dropped whole (its framing was intact), a bad PID or length drops one
 * byte, because then the length cannot be trusted.
 */
export class Ef01PacketReader {
  private buffer: Uint8Array = new Uint8Array(0)

  /** Bytes held while waiting for the rest of a packet. */
  get buffered(): number {
    return this.buffer.length
  }

  reset(): void {
    this.buffer = new Uint8Array(0)
  }

  push(chunk: Uint8Array): ReaderEvent[] {
    this.buffer = this.buffer.length ? concat(this.buffer, chunk) : chunk.slice()
    const events: ReaderEvent[] = []
    let at = 0
    // Line noise full of false `EF 01` headers is one error per run, not one per byte, found
    // without an exception: a hostile stream costs linear time with a small constant.
    let inFalseHeaders = false
    while (at < this.buffer.length) {
      const header = findHeader(this.buffer, at)
      if (header > at) {
        events.push({ kind: 'skipped', bytes: this.buffer.slice(at, header) })
        at = header
        continue
      }
      const problem =
        at + PREAMBLE_SIZE <= this.buffer.length ? preambleProblem(this.buffer, at) : null
      if (problem) {
        if (!inFalseHeaders)
          events.push({ kind: 'error', error: new Ef01FrameError(problem.kind, problem.detail) })
        inFalseHeaders = true
        at += 1
        continue
      }
      inFalseHeaders = false
      try {
        const decoded = decodePacket(this.buffer, at)
        if (!decoded) break
        events.push({ kind: 'packet', packet: decoded.packet, size: decoded.size })
        at += decoded.size
      } catch (error) {
        if (!(error instanceof Ef01FrameError)) throw error
        events.push({ kind: 'error', error })
        at += error.kind === 'bad-checksum' ? frameSize(this.buffer, at) : 1
      }
    }
    this.buffer = this.buffer.slice(at)
    return events
  }
}

/** Index of the next possible header at or after `from` (a lone trailing EF counts). */
function findHeader(bytes: Uint8Array, from: number): number {
  for (let i = from; i < bytes.length; i++) {
    if (bytes[i] !== EF01_HEADER_HI) continue
    if (i + 1 === bytes.length || bytes[i + 1] === EF01_HEADER_LO) return i
  }
  return bytes.length
}

function frameSize(bytes: Uint8Array, at: number): number {
  return PREAMBLE_SIZE + (((bytes[at + 7] ?? 0) << 8) | (bytes[at + 8] ?? 0))
}
