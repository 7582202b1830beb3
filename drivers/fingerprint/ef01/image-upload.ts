import type { FingerImage } from '../finger-image'
import { FRAME_OVERHEAD, PID, type Ef01Packet } from './codec'
import { Ef01ProtocolError } from './errors'
import { unpackGrey4 } from './unpack'

export interface ImageWindow {
  width: number
  height: number
}

export interface UploadProgress {
  /** Image bytes (4-bit packed) received so far and expected in all. */
  bytesReceived: number
  bytesTotal: number
  /** Bytes on the wire so far, framing included. */
  wireBytes: number
  /** The packed image as far as it has arrived (a view; copy it to keep it). */
  packed: Uint8Array
}

/**
 * Sensor windows of the family, told apart by the size of the upload (the protocol does not say):
 * R30x / AS608 256 × 288, R503 192 × 192 (its datasheet's sensing array).
 */
const KNOWN_WINDOWS: readonly ImageWindow[] = [
  { width: 256, height: 288 },
  { width: 192, height: 192 },
]

function packedSize(window: ImageWindow): number {
  return Math.ceil((window.width * window.height) / 2)
}

/**
 * Gathers the data packets of an UpImage into the 4-bit packed image and, at the end, tells which
 * sensor window it was by its size. Pure: the driver does the waiting.
 */
export class ImageUploadAssembler {
  private readonly total: number
  private readonly packed: Uint8Array
  private received = 0
  /** The command and its acknowledge (one-byte payloads each) are already on the wire. */
  private wire = 2 * (FRAME_OVERHEAD + 1)

  constructor(private readonly spec: ImageWindow & { ppi: number }) {
    this.total = packedSize(spec)
    // Room for the largest window we know, in case the module is not the one configured.
    this.packed = new Uint8Array(Math.max(this.total, ...KNOWN_WINDOWS.map(packedSize)))
  }

  get wireBytes(): number {
    return this.wire
  }

  /** Adds one data packet; `last` is true for the END_DATA packet. */
  add(packet: Ef01Packet): { progress: UploadProgress; last: boolean } {
    if (packet.pid !== PID.DATA && packet.pid !== PID.END_DATA) {
      throw new Ef01ProtocolError('unexpected-pid', `PID 0x${packet.pid.toString(16)} in an upload`)
    }
    if (this.received + packet.payload.length > this.packed.length) {
      throw new Ef01ProtocolError('bad-image-size', `more than ${this.packed.length} image bytes`)
    }
    this.packed.set(packet.payload, this.received)
    this.received += packet.payload.length
    this.wire += FRAME_OVERHEAD + packet.payload.length
    const last = packet.pid === PID.END_DATA
    const progress: UploadProgress = {
      bytesReceived: this.received,
      bytesTotal: last ? this.received : Math.max(this.total, this.received),
      wireBytes: this.wire,
      packed: this.packed.subarray(0, this.received),
    }
    return { progress, last }
  }

  /** The unpacked 8-bit image, once the last packet is in. */
  image(): FingerImage {
    const received = this.received
    const window = [this.spec, ...KNOWN_WINDOWS].find((w) => packedSize(w) === received)
    if (!window) {
      throw new Ef01ProtocolError(
        'bad-image-size',
        `${received} image bytes, expected ${this.total}`,
      )
    }
    return {
      width: window.width,
      height: window.height,
      ppi: this.spec.ppi,
      pixels: unpackGrey4(this.packed.subarray(0, received), window.width * window.height),
    }
  }
}
