import { FingerprintError } from '../transport/errors'

export type SbiErrorKind =
  'unreachable' | 'timeout' | 'http-status' | 'bad-response' | 'device-error' | 'no-device' | 'busy'

const TEXT: Record<SbiErrorKind, [vi: string, en: string]> = {
  unreachable: ['Không kết nối được dịch vụ thiết bị SBI', 'The SBI device service is unreachable'],
  timeout: ['Dịch vụ thiết bị SBI không trả lời kịp', 'The SBI device service timed out'],
  'http-status': ['Dịch vụ thiết bị SBI trả lỗi', 'The SBI device service returned an error'],
  'bad-response': [
    'Dịch vụ thiết bị SBI trả lời sai định dạng',
    'Malformed answer from the SBI service',
  ],
  'device-error': ['Thiết bị vân tay báo lỗi', 'The fingerprint device reported an error'],
  'no-device': ['Không có thiết bị vân tay SBI sẵn sàng', 'No SBI fingerprint device is ready'],
  busy: ['Thiết bị vân tay đang bận', 'The fingerprint device is busy'],
}

/** A failure talking to an SBI service, or one the device reported (with its SBI error code). */
export class SbiError extends FingerprintError {
  constructor(
    readonly kind: SbiErrorKind,
    detail: string | null = null,
    /** The device's `error.errorCode` (e.g. 101 unable to detect biometric), when it gave one. */
    readonly deviceCode: string | null = null,
  ) {
    const [vi, en] = TEXT[kind]
    const retryable = kind !== 'no-device' && kind !== 'bad-response'
    super(`sbi-${kind}`, vi, en, detail, retryable)
    this.name = 'SbiError'
  }
}

export type SbiSecurityKind =
  | 'malformed-jws'
  | 'unsupported-algorithm'
  | 'bad-signature'
  | 'untrusted-certificate'
  | 'expired-certificate'
  | 'broken-hash-chain'
  | 'mismatch'

const SECURITY_TEXT: Record<SbiSecurityKind, string> = {
  'malformed-jws': 'the signed data is malformed',
  'unsupported-algorithm': 'the signature algorithm is not allowed',
  'bad-signature': 'the signature does not verify',
  'untrusted-certificate': 'the device certificate is not trusted',
  'expired-certificate': 'the device certificate is not valid now',
  'broken-hash-chain': 'the capture hash chain is broken',
  mismatch: 'the signed data does not match the request',
}

/**
 * Data from the device that must not be trusted: a forged or unverifiable signature, a broken hash
 * chain. Never retried silently: it may be tampering.
 */
export class SbiSecurityError extends FingerprintError {
  constructor(
    readonly kind: SbiSecurityKind,
    detail: string | null = null,
  ) {
    super(
      `sbi-${kind}`,
      'Dữ liệu từ thiết bị vân tay không đáng tin cậy',
      `Untrusted data from the fingerprint device: ${SECURITY_TEXT[kind]}`,
      detail,
      false,
    )
    this.name = 'SbiSecurityError'
  }
}
