/**
 * What the sender does with a command_status (SMPP 3.4 §5.1.3): go on, slow down, try again later,
 * or give the message up. Anything not listed is treated as temporary, so an SMSC's private code
 * never loses a notice.
 */
export type StatusClass = 'ok' | 'throttled' | 'temporary' | 'permanent'

export const ESME_ROK = 0x00
export const ESME_RMSGQFUL = 0x14
export const ESME_RTHROTTLED = 0x58
export const ESME_RINVDSTADR = 0x0b
export const ESME_RBINDFAIL = 0x0d
export const ESME_RINVPASWD = 0x0e
export const ESME_RINVSYSID = 0x0f
export const ESME_RSYSERR = 0x08
export const ESME_RX_P_APPN = 0x65

/** Codes after which sending the same message again cannot succeed. */
const PERMANENT = new Set([
  ESME_RINVDSTADR,
  0x01, // ESME_RINVMSGLEN
  0x0a, // ESME_RINVSRCADR
  0x48, // ESME_RINVSRCTON
  0x49, // ESME_RINVSRCNPI
  0x50, // ESME_RINVDSTTON
  0x51, // ESME_RINVDSTNPI
  0x42, // ESME_RINVNUMDESTS
  ESME_RX_P_APPN,
  0x66, // ESME_RX_R_APPN
])

export function classifyStatus(status: number): StatusClass {
  if (status === ESME_ROK) return 'ok'
  if (status === ESME_RTHROTTLED || status === ESME_RMSGQFUL) return 'throttled'
  return PERMANENT.has(status) ? 'permanent' : 'temporary'
}

/** A bind refusal: the credentials are wrong, which no retry fixes. */
export function isCredentialRefusal(status: number): boolean {
  return status === ESME_RINVPASWD || status === ESME_RINVSYSID || status === ESME_RBINDFAIL
}

/** `0x00000058` form, as SMSC logs print codes. */
export function statusHex(status: number): string {
  return `0x${status.toString(16).padStart(8, '0')}`
}
