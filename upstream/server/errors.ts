import { errorHttpStatus, type ErrorBody, type ErrorCode } from '../../protocol'

/** What each refusal means, in Vietnamese and English, for the message an officer may read. */
const MESSAGES: Record<ErrorCode, { vi: string; en: string }> = {
  bad_request: { vi: 'Yêu cầu không hợp lệ', en: 'Invalid request' },
  unsigned_request: { vi: 'Yêu cầu chưa được ký', en: 'Request is not signed' },
  unregistered_terminal: { vi: 'Máy trạm chưa được đăng ký', en: 'Terminal is not registered' },
  bad_signature: { vi: 'Chữ ký không hợp lệ', en: 'Invalid signature' },
  stale_timestamp: {
    vi: 'Đồng hồ máy trạm lệch quá nhiều',
    en: 'Terminal clock is too far off',
  },
  replayed_nonce: { vi: 'Yêu cầu bị gửi lặp lại', en: 'Replayed request' },
  invalid_invite: { vi: 'Mã mời không hợp lệ', en: 'Invalid invite code' },
  terminal_conflict: {
    vi: 'Máy trạm đã đăng ký bằng khóa khác',
    en: 'Terminal is registered with another key',
  },
  unknown_file: { vi: 'Hồ sơ chưa được khai báo', en: 'File was not announced' },
  file_conflict: {
    vi: 'Mã hồ sơ đã dùng cho nội dung khác',
    en: 'File id already used for other content',
  },
  offset_mismatch: { vi: 'Sai vị trí tải lên', en: 'Wrong upload offset' },
  chunk_out_of_range: { vi: 'Phần tải lên vượt giới hạn', en: 'Chunk out of range' },
  incomplete_body: { vi: 'Hồ sơ chưa tải lên đủ', en: 'File body is incomplete' },
  hash_mismatch: {
    vi: 'Hồ sơ nhận được không khớp mã băm',
    en: 'Received file does not match its hash',
  },
  invalid_file: { vi: 'Hồ sơ không hợp lệ', en: 'Invalid file' },
  chip_data_invalid: {
    vi: 'Dữ liệu chip không qua xác thực thụ động',
    en: 'Chip data failed passive authentication',
  },
  file_too_large: { vi: 'Hồ sơ quá lớn', en: 'File too large' },
  not_found: { vi: 'Không tìm thấy', en: 'Not found' },
  unauthorized: { vi: 'Chưa xác thực người duyệt', en: 'Reviewer not authenticated' },
  not_reviewable: { vi: 'Hồ sơ không ở trạng thái chờ duyệt', en: 'File is not awaiting review' },
  unavailable: { vi: 'Máy chủ tạm thời không phục vụ', en: 'Upstream temporarily unavailable' },
  internal: { vi: 'Lỗi máy chủ', en: 'Upstream internal error' },
}

/** A refusal the routes throw; the error handler turns it into an ErrorBody. */
export class UpstreamError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly receivedOffset?: number,
  ) {
    super(`${code}: ${detail}`)
    this.name = 'UpstreamError'
  }

  get status(): number {
    return errorHttpStatus[this.code]
  }

  toBody(): ErrorBody {
    return errorBody(this.code, this.detail, this.receivedOffset)
  }
}

/** "Vietnamese / English: detail", as the project's rules want for anything a user may read. */
export function errorBody(code: ErrorCode, detail: string, receivedOffset?: number): ErrorBody {
  const { vi, en } = MESSAGES[code]
  return {
    error: {
      code,
      message: `${vi} / ${en}${detail ? `: ${detail}` : ''}`.slice(0, 2000),
      ...(receivedOffset !== undefined ? { receivedOffset } : {}),
    },
  }
}
