import { z } from 'zod'

/**
 * Every request across a process boundary answers with a Reply, never a thrown error:
 * an exception thrown inside `ipcMain.handle` reaches the renderer as a bare message.
 */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: ReplyError }

export interface ReplyError {
  code: ErrorCode
  /** Technical detail in English, for logs and support; the UI shows the localized text for `code`. */
  message: string
  /**
   * The catalogue key of the exact sentence (e.g. `messages.card.accessDenied`), when the error came
   * from a typed driver or core error; the UI shows it instead of the generic text for `code`.
   */
  messageKey?: string
  /** Values for the `{{name}}` placeholders of `messageKey`. */
  params?: Record<string, string | number>
}

export const errorCodes = [
  /** The payload did not match the channel's schema. */
  'E_SCHEMA',
  /** The channel is not declared in the contract. */
  'E_UNKNOWN_CHANNEL',
  /** The message did not come from the kiosk's own window and origin. */
  'E_FORBIDDEN_SENDER',
  /** The transport to the core is down (host WebSocket closed, IPC unavailable). */
  'E_TRANSPORT',
  /** The other side answered something that is not a valid reply for this channel. */
  'E_BAD_REPLY',
  /** A device needed for the request is missing or failed. */
  'E_DEVICE',
  /** The core is shutting down. */
  'E_CLOSED',
  /** The chip refused the access key: wrong CAN or MRZ data. */
  'E_ACCESS_DENIED',
  /** No card reader (or not the one asked for). */
  'E_NO_READER',
  /** The reader holds no card. */
  'E_NO_CARD',
  /** The card left the reader during the read. */
  'E_CARD_REMOVED',
  /** The chip stopped answering. */
  'E_CARD_TIMEOUT',
  /** Another read holds the reader. */
  'E_READER_BUSY',
  /** The chip was reached but could not be read (secure messaging, a malformed answer…). */
  'E_CARD_READ_FAILED',
  /** A training-only request while the kiosk uses real devices. */
  'E_NOT_SIMULATED',
  /** New enrollments are refused by a freeze rule (the message says which). */
  'E_FROZEN',
  /** The upstream refused or could not be reached (the message says why). */
  'E_UPSTREAM',
  /** The channel needs a signed-in officer, and this window or socket has none. */
  'E_NOT_SIGNED_IN',
  /** The signed-in officer's role may not call this channel. */
  'E_FORBIDDEN_ROLE',
  /** The screen is locked: the officer's password (or another sign-in) opens it. */
  'E_SESSION_LOCKED',
  /** A supervisor reset the password: it must be changed before anything else. */
  'E_PASSWORD_CHANGE_REQUIRED',
  /** Unknown user or wrong password (the same answer for both). */
  'E_SIGN_IN_FAILED',
  /** Too many failed sign-ins: the account is locked for a while, or until a supervisor unlocks it. */
  'E_ACCOUNT_LOCKED',
  /** The account was disabled by a supervisor. */
  'E_ACCOUNT_DISABLED',
  /** The new password is refused by the policy (the message says why). */
  'E_PASSWORD_POLICY',
  /** The setup code is wrong, used or expired, or the station already has officers. */
  'E_SETUP_CODE',
  /** The account change is refused (duplicate username, the last supervisor, oneself…). */
  'E_OFFICER_REFUSED',
  /** The portrait frame could not be decoded or has an impossible size. */
  'E_PORTRAIT_IMAGE',
  /** The action needs a supervisor's approval of the named exception first. */
  'E_APPROVAL_REQUIRED',
  /** The enrollment intent does not belong to the step the enrollment is at. */
  'E_ENROLLMENT_STEP',
  /** A value the officer entered for the enrollment is refused (the message says which and why). */
  'E_ENROLLMENT_INPUT',
  /** No enrollment is in progress for this officer (or one already is, for a start). */
  'E_ENROLLMENT_NONE',
  /** A saved draft could not be resumed (another app version, or damaged); it was set aside. */
  'E_DRAFT_UNUSABLE',
  /** No fingerprint scanner is connected (or none answers). */
  'E_NO_SCANNER',
  /** The fingerprint scanner was unplugged during the capture and did not come back. */
  'E_SCANNER_REMOVED',
  /** No finger was placed on the scanner in time. */
  'E_SCANNER_TIMEOUT',
  /** The scanner gave no usable image (the message says why). */
  'E_FINGER_CAPTURE_FAILED',
  /** The ten-print rules refuse this (no attempts left, finger excused…; the message says which). */
  'E_FINGER_REFUSED',
  /** Another capture is in progress on this window. */
  'E_CAPTURE_BUSY',
  /** The officer cancelled the capture. */
  'E_CANCELLED',
  /** The scanned or pasted text is not a CCCD QR code (the sentence says what to do). */
  'E_QR_INVALID',
  /** Anything else; details are in the core's log. */
  'E_INTERNAL',
] as const

export type ErrorCode = (typeof errorCodes)[number]

export const ErrorCodeSchema = z.enum(errorCodes)

export const ReplyErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  messageKey: z
    .string()
    .max(200)
    .regex(/^[A-Za-z][\w-]*(\.[\w-]+)+$/)
    .optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
})

/** The catalogue sentence a reply error carries: key and placeholder values. */
export interface ReplyMessage {
  key: string
  params?: Readonly<Record<string, string | number>>
}

export function replySchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: ReplyErrorSchema }),
  ])
}

export function ok<T>(value: T): Reply<T> {
  return { ok: true, value }
}

export function fail(
  code: ErrorCode,
  message: string,
  sentence?: ReplyMessage,
): { ok: false; error: ReplyError } {
  if (!sentence) return { ok: false, error: { code, message } }
  const params = sentence.params && { params: { ...sentence.params } }
  return { ok: false, error: { code, message, messageKey: sentence.key, ...params } }
}

/** The message of anything thrown, for logs and `{ ok: false }` replies. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** An error a service throws on purpose: the dispatcher turns it into `{ ok: false }` with its code. */
export class KioskError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The catalogue sentence for the UI, when the error has one more exact than `code`'s. */
    readonly sentence?: ReplyMessage,
  ) {
    super(message)
    this.name = 'KioskError'
  }
}
