import { FingerprintError } from '../transport/errors'

interface ConfirmationInfo {
  /** A stable name for the code; what tests, logs and the UI key on. */
  id: string
  vi: string
  en: string
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

const INFO: Record<ConfirmationCode, ConfirmationInfo> = {
  0x00: { id: 'ok', vi: 'Thành công', en: 'Success', retryable: false },
  0x01: {
    id: 'packet-receive-error',
    vi: 'Đầu đọc nhận gói lệnh bị lỗi',
    en: 'The module received a corrupted command',
    retryable: true,
  },
  0x02: {
    id: 'no-finger',
    vi: 'Chưa đặt ngón tay lên đầu đọc',
    en: 'No finger on the sensor',
    retryable: true,
  },
  0x03: {
    id: 'capture-failed',
    vi: 'Không lấy được ảnh vân tay',
    en: 'The module failed to take the image',
    retryable: true,
  },
  0x06: {
    id: 'image-too-messy',
    vi: 'Ảnh vân tay quá nhoè',
    en: 'The image is too messy',
    retryable: true,
  },
  0x07: {
    id: 'poor-quality',
    vi: 'Ảnh vân tay kém, quá ít đặc trưng',
    en: 'Poor image: too few features',
    retryable: true,
  },
  0x08: {
    id: 'no-match',
    vi: 'Vân tay không khớp',
    en: 'The fingers do not match',
    retryable: false,
  },
  0x09: {
    id: 'not-found',
    vi: 'Không tìm thấy vân tay trong bộ nhớ',
    en: 'No matching template found',
    retryable: false,
  },
  0x0a: {
    id: 'combine-failed',
    vi: 'Không ghép được mẫu vân tay',
    en: 'Could not combine the character files',
    retryable: false,
  },
  0x0b: {
    id: 'page-out-of-range',
    vi: 'Vị trí lưu ngoài phạm vi',
    en: 'Page ID out of range',
    retryable: false,
  },
  0x0c: {
    id: 'invalid-template',
    vi: 'Mẫu vân tay trong bộ nhớ bị lỗi',
    en: 'Invalid stored template',
    retryable: false,
  },
  0x0d: {
    id: 'template-upload-failed',
    vi: 'Không tải lên được mẫu vân tay',
    en: 'Template upload failed',
    retryable: false,
  },
  0x0e: {
    id: 'cannot-receive-packets',
    vi: 'Đầu đọc không nhận được các gói tiếp theo',
    en: 'The module cannot receive the following packets',
    retryable: true,
  },
  0x0f: {
    id: 'image-upload-failed',
    vi: 'Không tải lên được ảnh vân tay',
    en: 'Image upload failed',
    retryable: true,
  },
  0x10: {
    id: 'delete-failed',
    vi: 'Không xoá được mẫu',
    en: 'Failed to delete the template',
    retryable: false,
  },
  0x11: {
    id: 'clear-failed',
    vi: 'Không xoá được thư viện mẫu',
    en: 'Failed to clear the library',
    retryable: false,
  },
  0x13: {
    id: 'wrong-password',
    vi: 'Sai mật khẩu đầu đọc',
    en: 'Wrong module password',
    retryable: false,
  },
  0x15: {
    id: 'no-valid-image',
    vi: 'Không có ảnh hợp lệ trong bộ đệm',
    en: 'No valid primary image in the buffer',
    retryable: true,
  },
  0x18: {
    id: 'flash-write-error',
    vi: 'Lỗi ghi bộ nhớ flash của đầu đọc',
    en: 'Flash write error in the module',
    retryable: false,
  },
  0x1a: {
    id: 'invalid-register',
    vi: 'Số thanh ghi không hợp lệ',
    en: 'Invalid register number',
    retryable: false,
  },
  0x20: {
    id: 'address-error',
    vi: 'Sai địa chỉ đầu đọc',
    en: 'Wrong module address',
    retryable: false,
  },
  0x21: {
    id: 'password-required',
    vi: 'Phải xác thực mật khẩu đầu đọc trước',
    en: 'The module password must be verified first',
    retryable: false,
  },
}

export function isConfirmationCode(code: number): code is ConfirmationCode {
  return Object.prototype.hasOwnProperty.call(INFO, code)
}

/** Name, texts and retry hint of a confirmation code; unknown codes get a generic entry. */
export function confirmationInfo(code: number): ConfirmationInfo {
  if (isConfirmationCode(code)) return INFO[code]
  const hex = code.toString(16).padStart(2, '0')
  return {
    id: `unknown-0x${hex}`,
    vi: `Đầu đọc báo lỗi không xác định (0x${hex})`,
    en: `Unknown module error (0x${hex})`,
    retryable: false,
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
      info.vi,
      info.en,
      `instruction ${hex(instruction)} → confirmation ${hex(confirmation)}`,
      info.retryable,
    )
    this.reason = info.id
    this.name = 'Ef01ConfirmationError'
  }
}
