import { Ef01ProtocolError } from './errors'
import { PACKET_SIZES } from './instructions'

/** What ReadSysPara (0x0F) returns: 16 bytes after the confirmation code. */
export interface SystemParameters {
  /** Bit 0 busy, 1 matched, 2 password verified, 3 image buffer holds a valid image. */
  statusRegister: number
  systemId: number
  librarySize: number
  securityLevel: number
  address: number
  /** Data bytes per packet: 32, 64, 128 or 256. */
  packetSize: number
  /** UART rate in bits per second (N × 9600). */
  baudRate: number
}

export const SYSTEM_PARAMETERS_SIZE = 16

export function parseSystemParameters(data: Uint8Array): SystemParameters {
  if (data.length < SYSTEM_PARAMETERS_SIZE) {
    throw new Ef01ProtocolError('short-reply', `ReadSysPara returned ${data.length} bytes, not 16`)
  }
  const view = new DataView(data.buffer, data.byteOffset, data.length)
  const sizeCode = view.getUint16(12)
  const packetSize = PACKET_SIZES[sizeCode]
  if (packetSize === undefined) {
    throw new Ef01ProtocolError('bad-parameter', `packet size code ${sizeCode}`)
  }
  const n = view.getUint16(14)
  // Modules document N = 1…12; a faster one may report more, which costs nothing to accept.
  if (n < 1) throw new Ef01ProtocolError('bad-parameter', `baud multiplier ${n}`)
  return {
    statusRegister: view.getUint16(0),
    systemId: view.getUint16(2),
    librarySize: view.getUint16(4),
    securityLevel: view.getUint16(6),
    address: view.getUint32(8),
    packetSize,
    baudRate: n * 9600,
  }
}

export function encodeSystemParameters(p: SystemParameters): Uint8Array {
  const out = new Uint8Array(SYSTEM_PARAMETERS_SIZE)
  const view = new DataView(out.buffer)
  view.setUint16(0, p.statusRegister)
  view.setUint16(2, p.systemId)
  view.setUint16(4, p.librarySize)
  view.setUint16(6, p.securityLevel)
  view.setUint32(8, p.address >>> 0)
  view.setUint16(12, (PACKET_SIZES as readonly number[]).indexOf(p.packetSize))
  view.setUint16(14, p.baudRate / 9600)
  return out
}
