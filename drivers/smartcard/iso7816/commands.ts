import { uintBytes } from '../../../lib/bytes'
import { ParseError } from '../../../lib/parse-error'
import { readTlv, tlv } from '../../../lib/asn1/tlv'
import { SW_OK, type CardChannel, type CommandApdu } from './apdu'
import { CardError } from './errors'
import { SW, StatusWordError, expectSuccess } from './status-words'

/** Highest offset READ BINARY B0 can carry in P1-P2 (P1 bit 8 set means "SFI"). */
export const MAX_B0_OFFSET = 0x7fff

export function hexFid(fid: number): string {
  return fid.toString(16).toUpperCase().padStart(4, '0')
}

/** SELECT by DF name (AID), `00 A4 04 0C`. Returns the FCI when P2 asks for one. */
export async function selectApplication(
  channel: CardChannel,
  aid: Uint8Array,
  options: { p2?: number; le?: number } = {},
): Promise<Uint8Array> {
  const command: CommandApdu = { cla: 0, ins: 0xa4, p1: 0x04, p2: options.p2 ?? 0x0c, data: aid }
  if (options.le !== undefined) command.le = options.le
  const response = await channel.transmit(command)
  return expectSuccess(response, `SELECT AID ${Buffer.from(aid).toString('hex').toUpperCase()}`)
}

/** SELECT an elementary file under the current DF by its identifier, `00 A4 02 0C 02 <fid>`. */
export async function selectFile(channel: CardChannel, fid: number): Promise<void> {
  const response = await channel.transmit({
    cla: 0,
    ins: 0xa4,
    p1: 0x02,
    p2: 0x0c,
    data: uintBytes(fid, 2),
  })
  expectSuccess(response, `SELECT EF ${hexFid(fid)}`)
}

/**
 * SELECT the master file. Chips disagree on the form (research §1.2): the implicit `00 A4 00 0C`
 * first, then the explicit one with 3F00.
 */
export async function selectMasterFile(channel: CardChannel): Promise<void> {
  const implicit = await channel.transmit({ cla: 0, ins: 0xa4, p1: 0, p2: 0x0c })
  if (implicit.sw === SW_OK) return
  const explicit = await channel.transmit({
    cla: 0,
    ins: 0xa4,
    p1: 0,
    p2: 0x0c,
    data: Uint8Array.of(0x3f, 0x00),
  })
  expectSuccess(explicit, 'SELECT MF')
}

export interface ReadBinaryResult {
  data: Uint8Array
  /** The chip answered 6282: nothing lies beyond this answer. */
  endOfFile: boolean
}

/** Bytes a DO'53' header adds around `n` data bytes (READ BINARY B1 answers). */
function do53Overhead(n: number): number {
  return n < 0x80 ? 2 : n < 0x100 ? 3 : n < 0x10000 ? 4 : 5
}

/**
 * READ BINARY of up to `length` bytes at `offset` of the current EF (or of the EF `sfi` names,
 * which also selects it; offsets up to 255 only). Offsets above 0x7FFF use odd INS B1 with the
 * offset in DO'54' and the answer in DO'53'. `length` is clamped to what one response can carry.
 */
export async function readBinary(
  channel: CardChannel,
  offset: number,
  length: number,
  options: { sfi?: number } = {},
): Promise<ReadBinaryResult> {
  if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(length) || length < 1) {
    throw new RangeError(`READ BINARY of ${length} bytes at ${offset}`)
  }
  const maxLe = channel.limits?.maxResponseData ?? (channel.extendedLength ? 65536 : 256)
  const operation = `READ BINARY at ${offset}`
  if (options.sfi !== undefined || offset <= MAX_B0_OFFSET) {
    let p1 = offset >> 8
    if (options.sfi !== undefined) {
      if (options.sfi < 1 || options.sfi > 30 || offset > 0xff) {
        throw new RangeError(`READ BINARY by SFI ${options.sfi} at ${offset}`)
      }
      p1 = 0x80 | options.sfi
    }
    const le = Math.min(length, maxLe)
    const response = await channel.transmit({ cla: 0, ins: 0xb0, p1, p2: offset & 0xff, le })
    return binaryResult(response.sw, response.data, operation)
  }
  let n = Math.min(length, maxLe - 2)
  while (n + do53Overhead(n) > maxLe) n--
  const offsetBytes = uintBytes(offset, offset > 0xffff ? 3 : 2)
  const response = await channel.transmit({
    cla: 0,
    ins: 0xb1,
    p1: 0,
    p2: 0,
    data: tlv(0x54, offsetBytes),
    le: n + do53Overhead(n),
  })
  const result = binaryResult(response.sw, response.data, operation)
  if (result.data.length === 0) return result
  try {
    const wrapped = readTlv(result.data)
    if (wrapped.tag !== 0x53) throw new ParseError('apdu', `tag ${wrapped.tag.toString(16)}`)
    return { data: wrapped.value.slice(), endOfFile: result.endOfFile }
  } catch (error) {
    throw CardError.of('MALFORMED_RESPONSE', `${operation}: no DO'53' in the answer`, {
      cause: error,
    })
  }
}

function binaryResult(sw: number, data: Uint8Array, operation: string): ReadBinaryResult {
  if (sw === SW_OK) return { data, endOfFile: false }
  if (sw === SW.END_OF_FILE) return { data, endOfFile: true }
  throw new StatusWordError(sw, operation)
}
