import { FingerprintError } from '../transport/errors'

export type CaptureErrorCode =
  'no-finger' | 'device-removed' | 'no-usable-image' | 'no-device' | 'bad-device'

const TEXT: Record<CaptureErrorCode, [vi: string, en: string]> = {
  'no-finger': ['Không thấy ngón tay đặt lên đầu đọc', 'No finger was placed on the scanner'],
  'device-removed': [
    'Đầu đọc vân tay đã bị rút ra, hãy cắm lại rồi thử lại',
    'The fingerprint scanner was removed; plug it back in and try again',
  ],
  'no-usable-image': ['Không lấy được ảnh vân tay dùng được', 'No usable fingerprint image'],
  'no-device': ['Không có đầu đọc vân tay nào trả lời', 'No fingerprint scanner answers'],
  'bad-device': ['Thiết bị vân tay không hợp lệ', 'Invalid fingerprint device'],
}

/** Why a capture as a whole failed (after its retries). */
export class CaptureError extends FingerprintError {
  constructor(
    readonly captureCode: CaptureErrorCode,
    detail: string | null = null,
  ) {
    const [vi, en] = TEXT[captureCode]
    super(`capture-${captureCode}`, vi, en, detail, captureCode !== 'bad-device')
    this.name = 'CaptureError'
  }
}
