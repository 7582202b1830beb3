export type PolicyErrorCode =
  | 'finger-not-requested'
  | 'attempts-exhausted'
  | 'finger-excused'
  | 'no-exception'
  | 'not-a-supervisor'
  | 'self-approval'
  | 'unknown-reason'

const MESSAGES: Record<PolicyErrorCode, [vi: string, en: string]> = {
  'finger-not-requested': [
    'Ngón tay này không nằm trong danh sách cần lấy',
    'This finger is not among those to capture',
  ],
  'attempts-exhausted': [
    'Đã hết số lần lấy vân tay cho ngón này',
    'No capture attempts left for this finger',
  ],
  'finger-excused': [
    'Ngón này đã được khai báo ngoại lệ',
    'This finger is declared as an exception',
  ],
  'no-exception': [
    'Ngón này chưa được khai báo ngoại lệ',
    'No exception was declared for this finger',
  ],
  'not-a-supervisor': ['Cần cán bộ giám sát phê duyệt', 'A supervisor must approve this'],
  'self-approval': [
    'Người khai báo không được tự phê duyệt',
    'The officer who declared it cannot approve it',
  ],
  'unknown-reason': ['Lý do ngoại lệ không hợp lệ', 'Unknown exception reason'],
}

/** A ten-print rule was broken; the message is bilingual, the code is for the screens. */
export class TenPrintPolicyError extends Error {
  override readonly name = 'TenPrintPolicyError'
  constructor(
    readonly code: PolicyErrorCode,
    readonly detail: string,
  ) {
    const [vi, en] = MESSAGES[code]
    super(`${vi} / ${en}: ${detail}`)
  }
}
