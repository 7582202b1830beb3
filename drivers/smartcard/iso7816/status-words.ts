import { SW_OK, type ResponseApdu } from './apdu'
import { messageRef, type CatalogueMessage, type MessageParams } from '../../../lib/messages'
import { CardError } from './errors'

/** ISO 7816-4 §5.6 status words the eMRTD/CCCD stack meets, by name. */
export const statusNames = [
  'OK',
  'MORE_DATA',
  'END_OF_FILE',
  'FILE_INVALIDATED',
  'AUTHENTICATION_FAILED',
  'MEMORY_FAILURE',
  'WRONG_LENGTH',
  'LOGICAL_CHANNEL_NOT_SUPPORTED',
  'SM_NOT_SUPPORTED',
  'SECURITY_STATUS_NOT_SATISFIED',
  'AUTHENTICATION_BLOCKED',
  'REFERENCE_DATA_NOT_USABLE',
  'CONDITIONS_NOT_SATISFIED',
  'COMMAND_NOT_ALLOWED',
  'SM_DATA_OBJECTS_MISSING',
  'SM_DATA_OBJECTS_INCORRECT',
  'WRONG_DATA',
  'FUNCTION_NOT_SUPPORTED',
  'FILE_NOT_FOUND',
  'INCORRECT_P1P2',
  'REFERENCED_DATA_NOT_FOUND',
  'WRONG_P1P2',
  'WRONG_LE',
  'INS_NOT_SUPPORTED',
  'CLA_NOT_SUPPORTED',
  'NO_PRECISE_DIAGNOSIS',
  'UNKNOWN_STATUS',
] as const

export type StatusName = (typeof statusNames)[number]

export const SW = {
  OK: SW_OK,
  END_OF_FILE: 0x6282,
  FILE_INVALIDATED: 0x6283,
  AUTHENTICATION_FAILED: 0x6300,
  MEMORY_FAILURE: 0x6581,
  WRONG_LENGTH: 0x6700,
  LOGICAL_CHANNEL_NOT_SUPPORTED: 0x6881,
  SM_NOT_SUPPORTED: 0x6882,
  SECURITY_STATUS_NOT_SATISFIED: 0x6982,
  AUTHENTICATION_BLOCKED: 0x6983,
  REFERENCE_DATA_NOT_USABLE: 0x6984,
  CONDITIONS_NOT_SATISFIED: 0x6985,
  COMMAND_NOT_ALLOWED: 0x6986,
  SM_DATA_OBJECTS_MISSING: 0x6987,
  SM_DATA_OBJECTS_INCORRECT: 0x6988,
  WRONG_DATA: 0x6a80,
  FUNCTION_NOT_SUPPORTED: 0x6a81,
  FILE_NOT_FOUND: 0x6a82,
  INCORRECT_P1P2: 0x6a86,
  REFERENCED_DATA_NOT_FOUND: 0x6a88,
  WRONG_P1P2: 0x6b00,
  INS_NOT_SUPPORTED: 0x6d00,
  CLA_NOT_SUPPORTED: 0x6e00,
  NO_PRECISE_DIAGNOSIS: 0x6f00,
} as const

/** The status words with one fixed meaning; the others are decoded in describeStatus. */
const FIXED: Record<number, StatusName> = {
  [SW.OK]: 'OK',
  [SW.END_OF_FILE]: 'END_OF_FILE',
  [SW.FILE_INVALIDATED]: 'FILE_INVALIDATED',
  [SW.MEMORY_FAILURE]: 'MEMORY_FAILURE',
  [SW.WRONG_LENGTH]: 'WRONG_LENGTH',
  [SW.LOGICAL_CHANNEL_NOT_SUPPORTED]: 'LOGICAL_CHANNEL_NOT_SUPPORTED',
  [SW.SM_NOT_SUPPORTED]: 'SM_NOT_SUPPORTED',
  [SW.SECURITY_STATUS_NOT_SATISFIED]: 'SECURITY_STATUS_NOT_SATISFIED',
  [SW.AUTHENTICATION_BLOCKED]: 'AUTHENTICATION_BLOCKED',
  [SW.REFERENCE_DATA_NOT_USABLE]: 'REFERENCE_DATA_NOT_USABLE',
  [SW.CONDITIONS_NOT_SATISFIED]: 'CONDITIONS_NOT_SATISFIED',
  [SW.COMMAND_NOT_ALLOWED]: 'COMMAND_NOT_ALLOWED',
  [SW.SM_DATA_OBJECTS_MISSING]: 'SM_DATA_OBJECTS_MISSING',
  [SW.SM_DATA_OBJECTS_INCORRECT]: 'SM_DATA_OBJECTS_INCORRECT',
  [SW.WRONG_DATA]: 'WRONG_DATA',
  [SW.FUNCTION_NOT_SUPPORTED]: 'FUNCTION_NOT_SUPPORTED',
  [SW.FILE_NOT_FOUND]: 'FILE_NOT_FOUND',
  [SW.INCORRECT_P1P2]: 'INCORRECT_P1P2',
  [SW.REFERENCED_DATA_NOT_FOUND]: 'REFERENCED_DATA_NOT_FOUND',
  [SW.WRONG_P1P2]: 'WRONG_P1P2',
  [SW.INS_NOT_SUPPORTED]: 'INS_NOT_SUPPORTED',
  [SW.CLA_NOT_SUPPORTED]: 'CLA_NOT_SUPPORTED',
  [SW.NO_PRECISE_DIAGNOSIS]: 'NO_PRECISE_DIAGNOSIS',
}

/** The catalogue sentence of a status name: `messages.sw.<NAME>`. */
export function statusMessage(name: StatusName, params?: MessageParams): CatalogueMessage {
  return messageRef(`messages.sw.${name}`, params)
}

export interface StatusDescription {
  sw: number
  name: StatusName
  /** The catalogue sentence for the officer. */
  text: CatalogueMessage
  /** For 63Cx: the tries the chip says are left. */
  retriesLeft?: number
  /** For 61xx and 6Cxx: the length the chip announces (0 means 256). */
  length?: number
}

export function describeStatus(sw: number): StatusDescription {
  const fixed = FIXED[sw]
  if (fixed) return { sw, name: fixed, text: statusMessage(fixed) }
  const sw1 = sw >> 8
  const sw2 = sw & 0xff
  if (sw === SW.AUTHENTICATION_FAILED || (sw1 === 0x63 && (sw2 & 0xf0) === 0xc0)) {
    const retriesLeft = sw === SW.AUTHENTICATION_FAILED ? undefined : sw2 & 0x0f
    const text =
      retriesLeft === undefined
        ? statusMessage('AUTHENTICATION_FAILED')
        : messageRef('messages.sw.AUTHENTICATION_FAILED_RETRIES', { retriesLeft })
    return {
      sw,
      name: 'AUTHENTICATION_FAILED',
      text,
      ...(retriesLeft === undefined ? {} : { retriesLeft }),
    }
  }
  if (sw1 === 0x61) {
    return {
      sw,
      name: 'MORE_DATA',
      text: statusMessage('MORE_DATA'),
      length: sw2 || 256,
    }
  }
  if (sw1 === 0x6c) {
    return {
      sw,
      name: 'WRONG_LE',
      text: statusMessage('WRONG_LE', { length: sw2 || 256 }),
      length: sw2 || 256,
    }
  }
  return {
    sw,
    name: 'UNKNOWN_STATUS',
    text: statusMessage('UNKNOWN_STATUS'),
  }
}

export function swHex(sw: number): string {
  return sw.toString(16).toUpperCase().padStart(4, '0')
}

/** A command the chip refused: the status word, its name, and what was being done. */
export class StatusWordError extends CardError {
  override name = 'StatusWordError'
  readonly status: StatusName
  readonly retriesLeft: number | undefined

  constructor(
    readonly sw: number,
    /** What was being done, for the log: 'SELECT EF 011E', 'READ BINARY at 512'. */
    readonly operation?: string,
  ) {
    const description = describeStatus(sw)
    super(
      'STATUS_WORD',
      description.text,
      `SW ${swHex(sw)} (${description.name})${operation ? ` on ${operation}` : ''}`,
    )
    this.status = description.name
    this.retriesLeft = description.retriesLeft
  }
}

/** Returns the data of a 9000 response, else throws the StatusWordError. */
export function expectSuccess(response: ResponseApdu, operation?: string): Uint8Array {
  if (response.sw !== SW_OK) throw new StatusWordError(response.sw, operation)
  return response.data
}
