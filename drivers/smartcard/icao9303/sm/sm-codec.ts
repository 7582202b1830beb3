import { timingSafeEqual } from 'node:crypto'
import { concat } from '../../../../lib/bytes'
import { readTlvList, tlv, type Tlv } from '../../../../lib/asn1/tlv'
import type { CommandApdu, ResponseApdu } from '../../iso7816/apdu'
import { SecureMessagingError } from '../errors'
import type { SmCrypto } from './sm-crypto'

/*
 * The secure messaging data objects of ICAO 9303-11 §9.8 (ISO 7816-4 §10), used by both ends:
 *   DO'87' = 01 || cryptogram (even INS), DO'85' = cryptogram (odd INS, BER-TLV content),
 *   DO'97' = Le, DO'99' = status word, DO'8E' = 8-byte MAC.
 * The terminal protects commands and unprotects responses; the card does the reverse.
 */

const TAG_CRYPTOGRAM_PADDED = 0x87
const TAG_CRYPTOGRAM_TLV = 0x85
const TAG_LE = 0x97
const TAG_STATUS = 0x99
const TAG_MAC = 0x8e
const SM_CLA_BITS = 0x0c

export const SW_SM_OBJECTS_MISSING = 0x6987
export const SW_SM_OBJECTS_INCORRECT = 0x6988

const isOddIns = (ins: number): boolean => (ins & 1) === 1

/** The cryptogram object for `data`: DO'85' for odd INS, else DO'87' with indicator 01. */
function cryptogramObject(sm: SmCrypto, data: Uint8Array, oddIns: boolean): Uint8Array {
  const cryptogram = sm.encrypt(data)
  return oddIns
    ? tlv(TAG_CRYPTOGRAM_TLV, cryptogram)
    : tlv(TAG_CRYPTOGRAM_PADDED, Uint8Array.of(0x01), cryptogram)
}

/** Le as DO'97': one byte up to 256 (256 → 00), two bytes above (65536 → 0000). */
function leObject(le: number): Uint8Array {
  if (le <= 256) return tlv(TAG_LE, Uint8Array.of(le & 0xff))
  return tlv(TAG_LE, Uint8Array.of((le >> 8) & 0xff, le & 0xff))
}

export interface ProtectOptions {
  /** Whether the link takes extended-length APDUs. */
  extendedLength: boolean
  /** The link's largest response data (Ne of an extended protected command); default 65536. */
  maxResponseData?: number
}

/**
 * Terminal side: SSC + 1, then the protected command. Its Le asks for everything (00, or 0000 when the
 * protected command or the expected protected response needs extended length and the link allows it).
 */
export function protectCommand(
  sm: SmCrypto,
  command: CommandApdu,
  options: ProtectOptions,
): CommandApdu {
  const dataLength = command.data?.length ? cryptogramObjectSize(sm, command.data.length) : 0
  const leLength = command.le === undefined ? 0 : command.le <= 256 ? 3 : 4
  const bodyLength = dataLength + leLength + 10
  // Checked before SSC + 1, so a refused command leaves the session usable.
  if (bodyLength > 255 && !options.extendedLength) {
    throw new SecureMessagingError(
      'COMMAND_TOO_LONG',
      null,
      `${bodyLength} protected bytes need extended length`,
    )
  }
  sm.incrementSsc()
  const cla = command.cla | SM_CLA_BITS
  const header = Uint8Array.of(cla, command.ins, command.p1, command.p2)
  const data = command.data?.length
    ? cryptogramObject(sm, command.data, isOddIns(command.ins))
    : new Uint8Array(0)
  const le = command.le === undefined ? new Uint8Array(0) : leObject(command.le)
  const mac = sm.mac(concat(sm.padHeader(header), data, le))
  const body = concat(data, le, tlv(TAG_MAC, mac))
  const wantsExtended =
    body.length > 255 || (command.le !== undefined && protectedResponseSize(sm, command.le) > 256)
  const extended = wantsExtended && options.extendedLength
  return {
    cla,
    ins: command.ins,
    p1: command.p1,
    p2: command.p2,
    data: body,
    le: extended ? Math.min(65536, options.maxResponseData ?? 65536) : 256,
  }
}

/** Bytes of a DO'87' (the larger of 87/85) carrying `plainLength` bytes once padded and encrypted. */
function cryptogramObjectSize(sm: SmCrypto, plainLength: number): number {
  const value = (Math.floor(plainLength / sm.blockSize) + 1) * sm.blockSize + 1
  const lengthField = value < 0x80 ? 1 : value < 0x100 ? 2 : 3
  return 1 + lengthField + value
}

/** The size of the protected response to a command expecting `le` bytes. */
function protectedResponseSize(sm: SmCrypto, le: number): number {
  return protectedResponseBytes(sm.blockSize, le)
}

/** DO'87' (01 || cryptogram of `plain` bytes padded to `blockSize`), DO'99' and DO'8E' (8 bytes). */
export function protectedResponseBytes(blockSize: number, plain: number): number {
  const value = (Math.floor(plain / blockSize) + 1) * blockSize + 1
  const lengthField = value < 0x80 ? 1 : value < 0x100 ? 2 : value < 0x10000 ? 3 : 4
  return 1 + lengthField + value + 4 + 10
}

/**
 * The most plain bytes one protected response can carry within `maxResponseData` (ICAO 9303-11
 * §9.8: the data padded and encrypted in DO'87', the status in DO'99', the MAC in DO'8E').
 */
export function largestProtectedPlain(blockSize: number, maxResponseData: number): number {
  let plain = maxResponseData - 14
  while (plain > 0 && protectedResponseBytes(blockSize, plain) > maxResponseData) plain--
  return Math.max(0, plain)
}

interface ParsedObjects {
  cryptogram?: Tlv
  status?: Tlv
  le?: Tlv
  mac: Tlv
  /** The bytes the MAC covers (all objects before DO'8E', as received). */
  macInput: Uint8Array
}

/** Splits SM data objects in the order `allowed`, with DO'8E' last; anything else is malformed. */
function parseObjects(data: Uint8Array, allowed: readonly number[]): ParsedObjects {
  let objects: Tlv[]
  try {
    objects = readTlvList(data)
  } catch (e) {
    throw new SecureMessagingError('MALFORMED', null, (e as Error).message)
  }
  const mac = objects.at(-1)
  if (!mac || mac.tag !== TAG_MAC) {
    throw new SecureMessagingError('MALFORMED', null, "DO'8E' missing or not last")
  }
  if (mac.value.length !== 8) throw new SecureMessagingError('MALFORMED', null, 'MAC length')
  const parsed: ParsedObjects = { mac, macInput: data.subarray(0, mac.offset) }
  let position = 0
  for (const object of objects.slice(0, -1)) {
    const index = allowed.indexOf(object.tag, position)
    if (index < 0) {
      throw new SecureMessagingError('MALFORMED', null, `unexpected DO'${object.tag.toString(16)}'`)
    }
    position = index + 1
    if (object.tag === TAG_CRYPTOGRAM_PADDED || object.tag === TAG_CRYPTOGRAM_TLV) {
      if (parsed.cryptogram) throw new SecureMessagingError('MALFORMED', null, 'two cryptograms')
      parsed.cryptogram = object
    } else if (object.tag === TAG_STATUS) parsed.status = object
    else if (object.tag === TAG_LE) parsed.le = object
  }
  return parsed
}

function verifyMac(sm: SmCrypto, objects: ParsedObjects, prefix: Uint8Array): void {
  const expected = sm.mac(concat(prefix, objects.macInput))
  if (!timingSafeEqual(expected, objects.mac.value)) throw new SecureMessagingError('BAD_MAC')
}

function decryptObject(sm: SmCrypto, object: Tlv): Uint8Array {
  let cryptogram = object.value
  if (object.tag === TAG_CRYPTOGRAM_PADDED) {
    if (cryptogram[0] !== 0x01) {
      throw new SecureMessagingError('MALFORMED', null, 'padding-content indicator is not 01')
    }
    cryptogram = cryptogram.subarray(1)
  }
  try {
    return sm.decrypt(cryptogram)
  } catch (e) {
    throw new SecureMessagingError('MALFORMED', null, (e as Error).message)
  }
}

/**
 * Terminal side: SSC + 1, then check the response MAC before decrypting anything. Throws
 * SecureMessagingError (never anything else) on a response that is not a valid protected response.
 */
export function unprotectResponse(sm: SmCrypto, response: ResponseApdu): ResponseApdu {
  if (response.data.length === 0) {
    if (response.sw === SW_SM_OBJECTS_MISSING || response.sw === SW_SM_OBJECTS_INCORRECT) {
      throw new SecureMessagingError('CARD_SM_ERROR', response.sw)
    }
    if (response.sw === 0x9000) throw new SecureMessagingError('MISSING_DO99', response.sw)
    // Some chips answer a missing file or a refused command with a bare status word (vsmartcard's
    // ePass does). Hand it up unchanged: it carries no data that could be forged, and a file reported
    // missing this way is still listed by passive authentication as not read. No response MAC was
    // computed, so the chip did not step its SSC for it, and neither do we.
    return { data: new Uint8Array(0), sw: response.sw }
  }
  sm.incrementSsc()
  const objects = parseObjects(response.data, [
    TAG_CRYPTOGRAM_PADDED,
    TAG_CRYPTOGRAM_TLV,
    TAG_STATUS,
  ])
  if (!objects.status) throw new SecureMessagingError('MISSING_DO99', response.sw)
  if (objects.status.value.length !== 2) {
    throw new SecureMessagingError('MALFORMED', null, "DO'99' is not 2 bytes")
  }
  verifyMac(sm, objects, new Uint8Array(0))
  const sw = ((objects.status.value[0] ?? 0) << 8) | (objects.status.value[1] ?? 0)
  const data = objects.cryptogram ? decryptObject(sm, objects.cryptogram) : new Uint8Array(0)
  return { data, sw }
}

/**
 * Card side: SSC + 1, verify the MAC, then decrypt. Throws SecureMessagingError whose `sw` is the
 * status the card must answer without SM (6987 objects missing, 6988 objects incorrect).
 */
export function unprotectCommand(sm: SmCrypto, command: CommandApdu): CommandApdu {
  sm.incrementSsc()
  if ((command.cla & SM_CLA_BITS) !== SM_CLA_BITS) {
    throw new SecureMessagingError('CARD_SM_ERROR', SW_SM_OBJECTS_MISSING, 'command not protected')
  }
  let objects: ParsedObjects
  try {
    objects = parseObjects(command.data ?? new Uint8Array(0), [
      TAG_CRYPTOGRAM_PADDED,
      TAG_CRYPTOGRAM_TLV,
      TAG_LE,
    ])
  } catch (e) {
    const missing = !command.data?.length
    throw new SecureMessagingError(
      'CARD_SM_ERROR',
      missing ? SW_SM_OBJECTS_MISSING : SW_SM_OBJECTS_INCORRECT,
      (e as Error).message,
    )
  }
  const header = Uint8Array.of(command.cla, command.ins, command.p1, command.p2)
  try {
    verifyMac(sm, objects, sm.padHeader(header))
  } catch {
    throw new SecureMessagingError('CARD_SM_ERROR', SW_SM_OBJECTS_INCORRECT, 'bad MAC')
  }
  let data: Uint8Array | undefined
  if (objects.cryptogram) {
    try {
      data = decryptObject(sm, objects.cryptogram)
    } catch (e) {
      throw new SecureMessagingError('CARD_SM_ERROR', SW_SM_OBJECTS_INCORRECT, (e as Error).message)
    }
  }
  const plain: CommandApdu = {
    cla: command.cla & ~SM_CLA_BITS,
    ins: command.ins,
    p1: command.p1,
    p2: command.p2,
  }
  if (data?.length) plain.data = data
  if (objects.le) plain.le = decodeLe(objects.le.value)
  return plain
}

function decodeLe(value: Uint8Array): number {
  if (value.length === 1) return value[0] || 256
  if (value.length === 2) return ((value[0] ?? 0) << 8) | (value[1] ?? 0) || 65536
  throw new SecureMessagingError('CARD_SM_ERROR', SW_SM_OBJECTS_INCORRECT, "DO'97' length")
}

/** Card side: SSC + 1, then the protected response (DO'87'/'85' for data, DO'99', DO'8E'). */
export function protectResponse(
  sm: SmCrypto,
  response: ResponseApdu,
  oddIns: boolean,
): ResponseApdu {
  sm.incrementSsc()
  const data = response.data.length
    ? cryptogramObject(sm, response.data, oddIns)
    : new Uint8Array(0)
  const status = tlv(TAG_STATUS, Uint8Array.of(response.sw >> 8, response.sw & 0xff))
  const mac = sm.mac(concat(data, status))
  return { data: concat(data, status, tlv(TAG_MAC, mac)), sw: response.sw }
}
