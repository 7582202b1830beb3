import { SW_OK, type ResponseApdu } from './apdu'
import { CardError, type BilingualText } from './errors'

/** ISO 7816-4 §5.6 status words the eMRTD/CCCD stack meets, by name. */
export type StatusName =
  | 'OK'
  | 'MORE_DATA'
  | 'END_OF_FILE'
  | 'FILE_INVALIDATED'
  | 'AUTHENTICATION_FAILED'
  | 'MEMORY_FAILURE'
  | 'WRONG_LENGTH'
  | 'LOGICAL_CHANNEL_NOT_SUPPORTED'
  | 'SM_NOT_SUPPORTED'
  | 'SECURITY_STATUS_NOT_SATISFIED'
  | 'AUTHENTICATION_BLOCKED'
  | 'REFERENCE_DATA_NOT_USABLE'
  | 'CONDITIONS_NOT_SATISFIED'
  | 'COMMAND_NOT_ALLOWED'
  | 'SM_DATA_OBJECTS_MISSING'
  | 'SM_DATA_OBJECTS_INCORRECT'
  | 'WRONG_DATA'
  | 'FUNCTION_NOT_SUPPORTED'
  | 'FILE_NOT_FOUND'
  | 'INCORRECT_P1P2'
  | 'REFERENCED_DATA_NOT_FOUND'
  | 'WRONG_P1P2'
  | 'WRONG_LE'
  | 'INS_NOT_SUPPORTED'
  | 'CLA_NOT_SUPPORTED'
  | 'NO_PRECISE_DIAGNOSIS'
  | 'UNKNOWN_STATUS'

export const SW = {
  OK: SW_OK,
  END_OF_FILE: 0x6282,
  FILE_INVALIDATED: 0x6283,
  AUTHENTICATION_FAILED: 0x6300,
  MEMORY_FAILURE: 0x6581,
  WRONG_LENGTH: 0x6700,
  LOGICAL_CHANNEL_NOT_SUPPORTED: 0x6881,
  SM_NOT_SUPPORTED: 0x6882,
  SECURITY_STATUS_NOT_SATISFIED: 0x6982,
  AUTHENTICATION_BLOCKED: 0x6983,
  REFERENCE_DATA_NOT_USABLE: 0x6984,
  CONDITIONS_NOT_SATISFIED: 0x6985,
  COMMAND_NOT_ALLOWED: 0x6986,
  SM_DATA_OBJECTS_MISSING: 0x6987,
  SM_DATA_OBJECTS_INCORRECT: 0x6988,
  WRONG_DATA: 0x6a80,
  FUNCTION_NOT_SUPPORTED: 0x6a81,
  FILE_NOT_FOUND: 0x6a82,
  INCORRECT_P1P2: 0x6a86,
  REFERENCED_DATA_NOT_FOUND: 0x6a88,
  WRONG_P1P2: 0x6b00,
  INS_NOT_SUPPORTED: 0x6d00,
  CLA_NOT_SUPPORTED: 0x6e00,
  NO_PRECISE_DIAGNOSIS: 0x6f00,
} as const

const FIXED: Record<number, [StatusName, BilingualText]> = {
  [SW.OK]: ['OK', { vi: 'Thành công', en: 'Success' }],
  [SW.END_OF_FILE]: [
    'END_OF_FILE',
    {
      vi: 'Đã đến cuối tệp trước khi đọc đủ dữ liệu',
      en: 'End of file reached before the requested bytes',
    },
  ],
  [SW.FILE_INVALIDATED]: [
    'FILE_INVALIDATED',
    { vi: 'Tệp đã chọn bị vô hiệu hoá', en: 'Selected file invalidated' },
  ],
  [SW.MEMORY_FAILURE]: ['MEMORY_FAILURE', { vi: 'Lỗi bộ nhớ chip', en: 'Chip memory failure' }],
  [SW.WRONG_LENGTH]: ['WRONG_LENGTH', { vi: 'Độ dài lệnh không đúng', en: 'Wrong length' }],
  [SW.LOGICAL_CHANNEL_NOT_SUPPORTED]: [
    'LOGICAL_CHANNEL_NOT_SUPPORTED',
    { vi: 'Chip không hỗ trợ kênh logic', en: 'Logical channel not supported' },
  ],
  [SW.SM_NOT_SUPPORTED]: [
    'SM_NOT_SUPPORTED',
    { vi: 'Chip không hỗ trợ truyền tin an toàn', en: 'Secure messaging not supported' },
  ],
  [SW.SECURITY_STATUS_NOT_SATISFIED]: [
    'SECURITY_STATUS_NOT_SATISFIED',
    { vi: 'Chưa đủ điều kiện bảo mật để truy cập', en: 'Security status not satisfied' },
  ],
  [SW.AUTHENTICATION_BLOCKED]: [
    'AUTHENTICATION_BLOCKED',
    { vi: 'Phương thức xác thực đã bị khoá', en: 'Authentication method blocked' },
  ],
  [SW.REFERENCE_DATA_NOT_USABLE]: [
    'REFERENCE_DATA_NOT_USABLE',
    { vi: 'Dữ liệu tham chiếu không dùng được', en: 'Reference data not usable' },
  ],
  [SW.CONDITIONS_NOT_SATISFIED]: [
    'CONDITIONS_NOT_SATISFIED',
    { vi: 'Điều kiện sử dụng không thoả mãn', en: 'Conditions of use not satisfied' },
  ],
  [SW.COMMAND_NOT_ALLOWED]: [
    'COMMAND_NOT_ALLOWED',
    { vi: 'Lệnh không được phép (chưa chọn tệp)', en: 'Command not allowed (no current file)' },
  ],
  [SW.SM_DATA_OBJECTS_MISSING]: [
    'SM_DATA_OBJECTS_MISSING',
    {
      vi: 'Thiếu đối tượng dữ liệu truyền tin an toàn',
      en: 'Expected secure messaging data objects missing',
    },
  ],
  [SW.SM_DATA_OBJECTS_INCORRECT]: [
    'SM_DATA_OBJECTS_INCORRECT',
    {
      vi: 'Đối tượng dữ liệu truyền tin an toàn không đúng',
      en: 'Secure messaging data objects incorrect',
    },
  ],
  [SW.WRONG_DATA]: ['WRONG_DATA', { vi: 'Dữ liệu lệnh không đúng', en: 'Incorrect command data' }],
  [SW.FUNCTION_NOT_SUPPORTED]: [
    'FUNCTION_NOT_SUPPORTED',
    { vi: 'Chức năng không được hỗ trợ', en: 'Function not supported' },
  ],
  [SW.FILE_NOT_FOUND]: [
    'FILE_NOT_FOUND',
    { vi: 'Không tìm thấy tệp hoặc ứng dụng', en: 'File or application not found' },
  ],
  [SW.INCORRECT_P1P2]: [
    'INCORRECT_P1P2',
    { vi: 'Tham số P1-P2 không đúng', en: 'Incorrect parameters P1-P2' },
  ],
  [SW.REFERENCED_DATA_NOT_FOUND]: [
    'REFERENCED_DATA_NOT_FOUND',
    { vi: 'Không tìm thấy dữ liệu tham chiếu', en: 'Referenced data not found' },
  ],
  [SW.WRONG_P1P2]: [
    'WRONG_P1P2',
    {
      vi: 'Tham số P1-P2 sai (vị trí nằm ngoài tệp)',
      en: 'Wrong parameters P1-P2 (offset outside the file)',
    },
  ],
  [SW.INS_NOT_SUPPORTED]: [
    'INS_NOT_SUPPORTED',
    { vi: 'Chip không hỗ trợ lệnh này', en: 'Instruction not supported' },
  ],
  [SW.CLA_NOT_SUPPORTED]: [
    'CLA_NOT_SUPPORTED',
    { vi: 'Chip không hỗ trợ lớp lệnh này', en: 'Class not supported' },
  ],
  [SW.NO_PRECISE_DIAGNOSIS]: [
    'NO_PRECISE_DIAGNOSIS',
    { vi: 'Lỗi chip không rõ nguyên nhân', en: 'No precise diagnosis' },
  ],
}

export interface StatusDescription {
  sw: number
  name: StatusName
  text: BilingualText
  /** For 63Cx: the tries the chip says are left. */
  retriesLeft?: number
  /** For 61xx and 6Cxx: the length the chip announces (0 means 256). */
  length?: number
}

export function describeStatus(sw: number): StatusDescription {
  const fixed = FIXED[sw]
  if (fixed) return { sw, name: fixed[0], text: fixed[1] }
  const sw1 = sw >> 8
  const sw2 = sw & 0xff
  if (sw === SW.AUTHENTICATION_FAILED || (sw1 === 0x63 && (sw2 & 0xf0) === 0xc0)) {
    const retriesLeft = sw === SW.AUTHENTICATION_FAILED ? undefined : sw2 & 0x0f
    const text =
      retriesLeft === undefined
        ? { vi: 'Xác thực thất bại', en: 'Authentication failed' }
        : {
            vi: `Xác thực thất bại, còn ${retriesLeft} lần thử`,
            en: `Authentication failed, ${retriesLeft} tries left`,
          }
    return {
      sw,
      name: 'AUTHENTICATION_FAILED',
      text,
      ...(retriesLeft === undefined ? {} : { retriesLeft }),
    }
  }
  if (sw1 === 0x61) {
    return {
      sw,
      name: 'MORE_DATA',
      text: { vi: 'Còn dữ liệu phản hồi', en: 'More response data available' },
      length: sw2 || 256,
    }
  }
  if (sw1 === 0x6c) {
    return {
      sw,
      name: 'WRONG_LE',
      text: {
        vi: `Độ dài Le không đúng (đúng là ${sw2 || 256})`,
        en: `Wrong Le (expected ${sw2 || 256})`,
      },
      length: sw2 || 256,
    }
  }
  return {
    sw,
    name: 'UNKNOWN_STATUS',
    text: {
      vi: 'Chip trả về mã trạng thái không xác định',
      en: 'Unknown status word from the chip',
    },
  }
}

export function swHex(sw: number): string {
  return sw.toString(16).toUpperCase().padStart(4, '0')
}

/** A command the chip refused: the status word, its name, and what was being done. */
export class StatusWordError extends CardError {
  override name = 'StatusWordError'
  readonly status: StatusName
  readonly retriesLeft: number | undefined

  constructor(
    readonly sw: number,
    /** What was being done, for the log: 'SELECT EF 011E', 'READ BINARY at 512'. */
    readonly operation?: string,
  ) {
    const description = describeStatus(sw)
    super(
      'STATUS_WORD',
      description.text,
      `SW ${swHex(sw)} (${description.name})${operation ? ` on ${operation}` : ''}`,
    )
    this.status = description.name
    this.retriesLeft = description.retriesLeft
  }
}

/** Returns the data of a 9000 response, else throws the StatusWordError. */
export function expectSuccess(response: ResponseApdu, operation?: string): Uint8Array {
  if (response.sw !== SW_OK) throw new StatusWordError(response.sw, operation)
  return response.data
}
