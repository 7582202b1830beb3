import { CatalogueError, messageRef, type CatalogueMessage } from '../../../lib/messages'

/**
 * Failures of the ICAO 9303 protocols (BAC, PACE, secure messaging, chip authentication). Every one
 * names its sentence in the catalogue (`messages.icao.*`; the message is "Vietnamese / English:
 * detail" so it can reach an officer as is), and has a machine-readable shape the reader maps to exit
 * codes (AccessDeniedError → 2).
 */
export abstract class IcaoProtocolError extends CatalogueError {}

/** "The chip refused the access key (wrong CAN or MRZ data)". */
export const accessDeniedMessage: CatalogueMessage = messageRef('messages.icao.accessDenied')

/** The chip refused the access key: wrong CAN or MRZ data (or the password is blocked). */
export class AccessDeniedError extends IcaoProtocolError {
  override readonly name = 'AccessDeniedError'
  constructor(
    readonly protocol: 'BAC' | 'PACE',
    /** The status word the chip answered, when it answered one. */
    readonly sw: number | null,
    detail: string | null = null,
  ) {
    super(accessDeniedText(sw), detail ?? `${protocol}${sw === null ? '' : `, SW ${swHex(sw)}`}`)
  }
}

/**
 * The sentence for a refused key: with the tries the chip says are left (63Cx, ISO 7816-4), or
 * blocked (63C0, 6983: the chip takes no more tries until it is resumed or unblocked).
 */
export function accessDeniedText(sw: number | null): CatalogueMessage {
  if (sw === 0x63c0 || sw === 0x6983) return messageRef('messages.icao.accessBlocked')
  if (sw !== null && (sw & 0xfff0) === 0x63c0)
    return messageRef('messages.icao.accessDeniedTriesLeft', { triesLeft: sw & 0x0f })
  return accessDeniedMessage
}

/**
 * The chip's answer did not prove what it must: a bad cryptogram, MAC or authentication token. Unlike
 * AccessDeniedError the chip accepted us but failed to authenticate itself (a relay, a broken or a
 * counterfeit chip).
 */
export class ChipAuthenticityError extends IcaoProtocolError {
  override readonly name = 'ChipAuthenticityError'
  constructor(
    readonly protocol: 'BAC' | 'PACE' | 'CA',
    detail: string,
  ) {
    super(messageRef('messages.icao.chipAuthenticity'), `${protocol}: ${detail}`)
  }
}

/** An unexpected status word or a malformed answer during a protocol step. */
export class ProtocolError extends IcaoProtocolError {
  override readonly name = 'ProtocolError'
  constructor(
    readonly protocol: 'BAC' | 'PACE' | 'CA',
    /** What was being done: 'GET CHALLENGE', 'MSE:Set AT', 'GENERAL AUTHENTICATE 2', … */
    readonly step: string,
    readonly sw: number | null,
    detail: string | null = null,
  ) {
    super(
      messageRef('messages.icao.protocol'),
      `${protocol} ${step}${sw === null ? '' : `, SW ${swHex(sw)}`}${detail ? `: ${detail}` : ''}`,
    )
  }
}

/** The requested protocol variant is not implemented here (DH mapping, integrated mapping, …). */
export class UnsupportedProtocolError extends IcaoProtocolError {
  override readonly name = 'UnsupportedProtocolError'
  constructor(readonly what: string) {
    super(messageRef('messages.icao.unsupported'), what)
  }
}

export type SecureMessagingErrorCode =
  /** The response MAC (DO'8E') did not verify: tampering, a wrong key or a lost SSC. */
  | 'BAD_MAC'
  /** A protected response without the mandatory status object DO'99'. */
  | 'MISSING_DO99'
  /** The response is not a well-formed sequence of SM data objects, or its padding is wrong. */
  | 'MALFORMED'
  /** The chip answered 6987 / 6988: it rejected our SM objects and ended the session. */
  | 'CARD_SM_ERROR'
  /** A bare status word other than 6987/6988 without SM objects (e.g. 6A82 from some chips). */
  | 'UNPROTECTED_STATUS'
  /** The protected command does not fit a short APDU and the link has no extended length. */
  | 'COMMAND_TOO_LONG'
  /** The session ended earlier (after an SM error); access control must be done again. */
  | 'SESSION_CLOSED'

/** Secure messaging failed. After any of these the SM session is over. */
export class SecureMessagingError extends IcaoProtocolError {
  override readonly name = 'SecureMessagingError'
  constructor(
    readonly code: SecureMessagingErrorCode,
    /** The status word concerned, if any (6987/6988, or the bare SW). */
    readonly sw: number | null = null,
    detail: string | null = null,
  ) {
    super(
      messageRef('messages.icao.secureMessaging'),
      `${code}${sw === null ? '' : ` (SW ${swHex(sw)})`}${detail ? `: ${detail}` : ''}`,
    )
  }
}

export function swHex(sw: number): string {
  return sw.toString(16).toUpperCase().padStart(4, '0')
}
