import { Ef01FrameError } from './errors'

/**
 * The EF01 packet (R30x / R50x / ZFM / AS608), all fields big-endian:
 * `EF 01` · address (4) · PID (1) · length (2, = payload + 2) · payload · checksum (2).
 * The checksum is the low 16 bits of PID + both length bytes + every payload byte.
 */
export const EF01_HEADER_HI = 0xef
export const EF01_HEADER_LO = 0x01
export const DEFAULT_ADDRESS = 0xffffffff

export const PID = {
  COMMAND: 0x01,
  /** Data packet with more to follow. */
  DATA: 0x02,
  ACK: 0x07,
  /** Last data packet. */
  END_DATA: 0x08,
} as const
export type Pid = (typeof PID)[keyof typeof PID]

const PIDS: ReadonlySet<number> = new Set(Object.values(PID))

/** Header (2) + address (4) + PID (1) + length (2). */
export const PREAMBLE_SIZE = 9
/** Everything around the payload: preamble + checksum. */
export const FRAME_OVERHEAD = PREAMBLE_SIZE + 2
/** Data packets carry at most 256 bytes; anything much larger is garbage, not a packet. */
export const MAX_PAYLOAD = 512

export interface Ef01Packet {
  address: number
  pid: Pid
  payload: Uint8Array
}

export function isPid(value: number): value is Pid {
  return PIDS.has(value)
}

export function ef01Checksum(pid: number, payload: Uint8Array): number {
  const length = payload.length + 2
  let sum = pid + (length >> 8) + (length & 0xff)
  for (const b of payload) sum += b
  return sum & 0xffff
}

export function encodePacket(packet: Ef01Packet): Uint8Array {
  const { address, pid, payload } = packet
  if (payload.length > MAX_PAYLOAD) throw new RangeError(`EF01 payload too long: ${payload.length}`)
  const out = new Uint8Array(FRAME_OVERHEAD + payload.length)
  const view = new DataView(out.buffer)
  out[0] = EF01_HEADER_HI
  out[1] = EF01_HEADER_LO
  view.setUint32(2, address >>> 0)
  out[6] = pid
  view.setUint16(7, payload.length + 2)
  out.set(payload, PREAMBLE_SIZE)
  view.setUint16(PREAMBLE_SIZE + payload.length, ef01Checksum(pid, payload))
  return out
}

export interface DecodedPacket {
  packet: Ef01Packet
  /** Bytes the packet took on the wire. */
  size: number
}

/**
 * Decodes the packet starting at `offset`. Returns null when more bytes are needed; throws
 * Ef01FrameError (and nothing else) when the bytes cannot be a packet.
 */
/**
 * What is wrong with the PID and length of the preamble at `offset` (all PREAMBLE_SIZE bytes of it
 * present), or null. Without an exception, so a reader can walk line noise cheaply.
 */
export function preambleProblem(
  bytes: Uint8Array,
  offset: number,
): { kind: 'bad-pid' | 'bad-length'; detail: string } | null {
  const pid = bytes[offset + 6] ?? 0
  if (!isPid(pid)) return { kind: 'bad-pid', detail: `PID 0x${pid.toString(16)}` }
  const length = ((bytes[offset + 7] ?? 0) << 8) | (bytes[offset + 8] ?? 0)
  if (length < 2 || length > MAX_PAYLOAD + 2)
    return { kind: 'bad-length', detail: `length field ${length}` }
  return null
}

export function decodePacket(bytes: Uint8Array, offset = 0): DecodedPacket | null {
  const available = bytes.length - offset
  if (available < 1) return null
  if (bytes[offset] !== EF01_HEADER_HI) throw new Ef01FrameError('bad-header', 'no EF 01 header')
  if (available < 2) return null
  if (bytes[offset + 1] !== EF01_HEADER_LO)
    throw new Ef01FrameError('bad-header', 'no EF 01 header')
  if (available < PREAMBLE_SIZE) return null
  const problem = preambleProblem(bytes, offset)
  if (problem) throw new Ef01FrameError(problem.kind, problem.detail)
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, available)
  const pid = view.getUint8(6)
  if (!isPid(pid)) throw new Ef01FrameError('bad-pid', `PID 0x${pid.toString(16)}`) // narrows
  const length = view.getUint16(7)
  const size = PREAMBLE_SIZE + length
  if (available < size) return null
  const payload = bytes.slice(offset + PREAMBLE_SIZE, offset + size - 2)
  const expected = ef01Checksum(pid, payload)
  const actual = view.getUint16(size - 2)
  if (actual !== expected) {
    throw new Ef01FrameError(
      'bad-checksum',
      `got 0x${actual.toString(16).padStart(4, '0')}, expected 0x${expected.toString(16).padStart(4, '0')}`,
    )
  }
  return { packet: { address: view.getUint32(2), pid, payload }, size }
}
