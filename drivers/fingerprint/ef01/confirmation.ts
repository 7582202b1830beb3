import { messageRef, textOf, type CatalogueMessage } from '../../../lib/messages'
import { FingerprintError } from '../transport/errors'

interface ConfirmationFacts {
  /** A stable name for the code; what tests, logs and the UI key on. */
  id: string
  /** Trying the same step again (with the finger re-placed) can succeed. */
  retryable: boolean
}

/** The module's confirmation codes (first payload byte of every acknowledge packet). */
export const CONFIRMATION = {
  OK: 0x00,
  PACKET_RECEIVE_ERROR: 0x01,
  NO_FINGER: 0x02,
  CAPTURE_FAILED: 0x03,
  IMAGE_TOO_MESSY: 0x06,
  TOO_FEW_FEATURES: 0x07,
  NO_MATCH: 0x08,
  NOT_FOUND: 0x09,
  COMBINE_FAILED: 0x0a,
  PAGE_OUT_OF_RANGE: 0x0b,
  INVALID_TEMPLATE: 0x0c,
  TEMPLATE_UPLOAD_FAILED: 0x0d,
  CANNOT_RECEIVE_PACKETS: 0x0e,
  IMAGE_UPLOAD_FAILED: 0x0f,
  DELETE_FAILED: 0x10,
  CLEAR_FAILED: 0x11,
  WRONG_PASSWORD: 0x13,
  NO_VALID_IMAGE: 0x15,
  FLASH_WRITE_ERROR: 0x18,
  INVALID_REGISTER: 0x1a,
  ADDRESS_ERROR: 0x20,
  PASSWORD_REQUIRED: 0x21,
} as const

export type ConfirmationCode = (typeof CONFIRMATION)[keyof typeof CONFIRMATION]

const INFO: Record<ConfirmationCode, ConfirmationFacts> = {
  0x00: { id: 'ok', retryable: false },
  0x01: {
    id: 'packet-receive-error',
    retryable: true,
  },
  0x02: {
    id: 'no-finger',
    retryable: true,
  },
  0x03: {
    id: 'capture-failed',
    retryable: true,
  },
  0x06: {
    id: 'image-too-messy',
    retryable: true,
  },
  0x07: {
    id: 'poor-quality',
    retryable: true,
  },
  0x08: {
    id: 'no-match',
    retryable: false,
  },
  0x09: {
    id: 'not-found',
    retryable: false,
  },
  0x0a: {
    id: 'combine-failed',
    retryable: false,
  },
  0x0b: {
    id: 'page-out-of-range',
    retryable: false,
  },
  0x0c: {
    id: 'invalid-template',
    retryable: false,
  },
  0x0d: {
    id: 'template-upload-failed',
    retryable: false,
  },
  0x0e: {
    id: 'cannot-receive-packets',
    retryable: true,
  },
  0x0f: {
    id: 'image-upload-failed',
    retryable: true,
  },
  0x10: {
    id: 'delete-failed',
    retryable: false,
  },
  0x11: {
    id: 'clear-failed',
    retryable: false,
  },
  0x13: {
    id: 'wrong-password',
    retryable: false,
  },
  0x15: {
    id: 'no-valid-image',
    retryable: true,
  },
  0x18: {
    id: 'flash-write-error',
    retryable: false,
  },
  0x1a: {
    id: 'invalid-register',
    retryable: false,
  },
  0x20: {
    id: 'address-error',
    retryable: false,
  },
  0x21: {
    id: 'password-required',
    retryable: false,
  },
}

export function isConfirmationCode(code: number): code is ConfirmationCode {
  return Object.prototype.hasOwnProperty.call(INFO, code)
}

/** Name, sentence (`messages.fingerprint.ef01.<id>`) and retry hint of a confirmation code. */
export interface ConfirmationInfo extends ConfirmationFacts {
  text: CatalogueMessage
  /** The sentence in Vietnamese, from the catalogue. */
  vi: string
  /** The sentence in English, from the catalogue. */
  en: string
}

/** The stable names of the known codes, in code order. */
export const confirmationIds: readonly string[] = Object.values(INFO).map((info) => info.id)

/** Name, texts and retry hint of a confirmation code; unknown codes get a generic entry. */
export function confirmationInfo(code: number): ConfirmationInfo {
  const hex = code.toString(16).padStart(2, '0')
  const facts: ConfirmationFacts = isConfirmationCode(code)
    ? INFO[code]
    : { id: `unknown-0x${hex}`, retryable: false }
  const text = isConfirmationCode(code)
    ? messageRef(`messages.fingerprint.ef01.${facts.id}`)
    : messageRef('messages.fingerprint.ef01.unknown', { hex: `0x${hex}` })
  return {
    ...facts,
    text,
    vi: textOf(text, 'vi'),
    en: textOf(text, 'en'),
  }
}

/** A command the module answered with a confirmation code other than 00. */
export class Ef01ConfirmationError extends FingerprintError {
  /** Stable name of the code, e.g. 'no-finger', 'wrong-password'. */
  readonly reason: string

  constructor(
    readonly confirmation: number,
    /** The instruction that was refused, e.g. 0x01 GenImg. */
    readonly instruction: number,
  ) {
    const info = confirmationInfo(confirmation)
    const hex = (n: number) => `0x${n.toString(16).padStart(2, '0')}`
    super(
      `ef01-${info.id}`,
      info.text,
      `instruction ${hex(instruction)} → confirmation ${hex(confirmation)}`,
      info.retryable,
    )
    this.reason = info.id
    this.name = 'Ef01ConfirmationError'
  }
}
