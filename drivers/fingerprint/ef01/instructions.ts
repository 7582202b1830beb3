/** EF01 instruction codes (first payload byte of a command packet); fingerprint.md §1.2. */
export const INSTRUCTION = {
  GEN_IMG: 0x01,
  IMG2TZ: 0x02,
  MATCH: 0x03,
  SEARCH: 0x04,
  REG_MODEL: 0x05,
  STORE: 0x06,
  LOAD_CHAR: 0x07,
  UP_CHAR: 0x08,
  DOWN_CHAR: 0x09,
  UP_IMAGE: 0x0a,
  DOWN_IMAGE: 0x0b,
  DELETE_CHAR: 0x0c,
  EMPTY: 0x0d,
  SET_SYS_PARA: 0x0e,
  READ_SYS_PARA: 0x0f,
  SET_PWD: 0x12,
  VFY_PWD: 0x13,
  GET_RANDOM_CODE: 0x14,
  SET_ADDER: 0x15,
  TEMPLATE_NUM: 0x1d,
  READ_INDEX_TABLE: 0x1f,
  /** R503: like GenImg, but answers 07 for a poor image. */
  GET_IMAGE_EX: 0x28,
  /** R503 */
  CANCEL: 0x30,
  /** R503: answers 00 when the module is alive; older modules refuse it. */
  HANDSHAKE: 0x40,
} as const

/** Registers of SetSysPara (0x0E). */
export const SYS_PARA_REGISTER = {
  /** Baud = N × 9600, N = 1…12. */
  BAUD: 4,
  SECURITY_LEVEL: 5,
  /** 0: 32, 1: 64, 2: 128, 3: 256 bytes of data per packet. */
  PACKET_SIZE: 6,
} as const

/** The byte the R503 sends once after power-up, when it is ready for commands. */
export const READY_BYTE = 0x55

export const PACKET_SIZES = [32, 64, 128, 256] as const
export type PacketSize = (typeof PACKET_SIZES)[number]

export function packetSizeCode(bytes: number): number {
  const code = (PACKET_SIZES as readonly number[]).indexOf(bytes)
  if (code < 0) throw new RangeError(`EF01 packet size must be 32, 64, 128 or 256, not ${bytes}`)
  return code
}

export function baudMultiplier(baud: number): number {
  const n = baud / 9600
  if (!Number.isInteger(n) || n < 1 || n > 12) {
    throw new RangeError(`EF01 baud must be N × 9600 with N = 1…12, not ${baud}`)
  }
  return n
}

export function u32(value: number): Uint8Array {
  const out = new Uint8Array(4)
  new DataView(out.buffer).setUint32(0, value >>> 0)
  return out
}
