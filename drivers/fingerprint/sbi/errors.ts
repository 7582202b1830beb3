import { messageRef } from '../../../lib/messages'
import { FingerprintError } from '../transport/errors'

export const sbiErrorKinds = [
  'unreachable',
  'timeout',
  'http-status',
  'bad-response',
  'device-error',
  'no-device',
  'busy',
] as const
export type SbiErrorKind = (typeof sbiErrorKinds)[number]

/** A failure talking to an SBI service, or one the device reported (with its SBI error code). */
export class SbiError extends FingerprintError {
  constructor(
    readonly kind: SbiErrorKind,
    detail: string | null = null,
    /** The device's `error.errorCode` (e.g. 101 unable to detect biometric), when it gave one. */
    readonly deviceCode: string | null = null,
  ) {
    const retryable = kind !== 'no-device' && kind !== 'bad-response'
    super(`sbi-${kind}`, messageRef(`messages.fingerprint.sbi.${kind}`), detail, retryable)
    this.name = 'SbiError'
  }
}

export const sbiSecurityKinds = [
  'malformed-jws',
  'unsupported-algorithm',
  'bad-signature',
  'untrusted-certificate',
  'expired-certificate',
  'broken-hash-chain',
  'mismatch',
] as const
export type SbiSecurityKind = (typeof sbiSecurityKinds)[number]

/**
 * Data from the device that must not be trusted: a forged or unverifiable signature, a broken hash
 * chain. Never retried silently: it may be tampering.
 */
export class SbiSecurityError extends FingerprintError {
  constructor(
    readonly kind: SbiSecurityKind,
    detail: string | null = null,
  ) {
    super(`sbi-${kind}`, messageRef(`messages.fingerprint.sbiSecurity.${kind}`), detail, false)
    this.name = 'SbiSecurityError'
  }
}
