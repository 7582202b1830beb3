import { ParseError } from '../../../lib/parse-error'

/**
 * The vpcd socket protocol (vsmartcard): over TCP, each message is a 2-byte big-endian length and
 * a payload. From vpcd, a 1-byte payload is a control code; anything longer is a command APDU,
 * answered with the response APDU. Only GET ATR is answered among the controls.
 */
/**
 * vpcd's two slots listen on consecutive ports: 35963 and 35964 as Debian configures it
 * (/etc/reader.conf.d/vpcd), or from KIOSK_VPCD_PORT where pcscd is configured otherwise (the test
 * suites run their own pcscd on free ports).
 */
const vpcdBasePort = Number(process.env.KIOSK_VPCD_PORT) || 35963
export const VPCD_PORT = { first: vpcdBasePort, second: vpcdBasePort + 1 } as const

export const VPCD_CONTROL = { POWER_OFF: 0, POWER_ON: 1, RESET: 2, GET_ATR: 4 } as const

export const VPCD_MAX_PAYLOAD = 0xffff

export function frameVpcdMessage(payload: Uint8Array): Uint8Array {
  if (payload.length > VPCD_MAX_PAYLOAD) {
    throw new RangeError(`vpcd message of ${payload.length} bytes`)
  }
  const out = new Uint8Array(payload.length + 2)
  out[0] = payload.length >> 8
  out[1] = payload.length & 0xff
  out.set(payload, 2)
  return out
}

/** Reassembles vpcd messages from TCP chunks, which may split or join them anywhere. */
export class VpcdFrameReader {
  private buffer = new Uint8Array(0)

  /** Adds received bytes; returns the payloads now complete, in order. */
  push(chunk: Uint8Array): Uint8Array[] {
    const joined = new Uint8Array(this.buffer.length + chunk.length)
    joined.set(this.buffer)
    joined.set(chunk, this.buffer.length)
    const messages: Uint8Array[] = []
    let at = 0
    while (joined.length - at >= 2) {
      const length = ((joined[at] ?? 0) << 8) | (joined[at + 1] ?? 0)
      if (joined.length - at - 2 < length) break
      messages.push(joined.slice(at + 2, at + 2 + length))
      at += 2 + length
    }
    this.buffer = joined.slice(at)
    return messages
  }

  /** Bytes of an unfinished message; non-zero at end of stream means it was cut. */
  get pendingBytes(): number {
    return this.buffer.length
  }

  /** Throws ParseError if the stream ended inside a message. */
  end(): void {
    if (this.buffer.length) {
      throw new ParseError('vpcd', `stream ended inside a message (${this.buffer.length} bytes)`)
    }
  }
}
