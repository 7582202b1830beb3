/**
 * Base of every typed failure in the fingerprint device stack. `vi` and `en` say what happened in
 * words an officer understands; `detail` is for support staff; `retryable` tells the capture service
 * whether trying again can help.
 */
export class FingerprintError extends Error {
  constructor(
    readonly code: string,
    readonly vi: string,
    readonly en: string,
    readonly detail: string | null,
    readonly retryable: boolean,
  ) {
    super(`${vi} / ${en}${detail ? `: ${detail}` : ''}`)
    this.name = 'FingerprintError'
  }
}

export type TransportErrorCode =
  'not-found' | 'open-failed' | 'removed' | 'closed' | 'write-failed' | 'bad-config'

const TRANSPORT_TEXT: Record<TransportErrorCode, [vi: string, en: string]> = {
  'not-found': ['Không tìm thấy thiết bị', 'Device not found'],
  'open-failed': ['Không mở được thiết bị', 'Could not open the device'],
  removed: ['Thiết bị đã bị rút ra', 'The device was removed'],
  closed: ['Kết nối thiết bị đã đóng', 'The device connection is closed'],
  'write-failed': ['Không gửi được dữ liệu tới thiết bị', 'Could not send data to the device'],
  'bad-config': ['Cấu hình cổng không hợp lệ', 'Invalid port configuration'],
}

/** A failure of the byte link itself: the port could not be opened, or went away. */
export class TransportError extends FingerprintError {
  constructor(
    readonly transportCode: TransportErrorCode,
    detail: string | null = null,
  ) {
    const [vi, en] = TRANSPORT_TEXT[transportCode]
    super(`transport-${transportCode}`, vi, en, detail, transportCode === 'removed')
    this.name = 'TransportError'
  }
}

/** The operation was cancelled by the caller (an AbortSignal fired). */
export class CancelledError extends FingerprintError {
  constructor(detail: string | null = null) {
    super('cancelled', 'Đã huỷ', 'Cancelled', detail, false)
    this.name = 'CancelledError'
  }
}
