import { describe, expect, it } from 'vitest'
import { CardError } from './errors'
import { StatusWordError, describeStatus, expectSuccess, swHex } from './status-words'

describe('status words', () => {
  it('names the status words of file access and secure messaging', () => {
    const names = [0x6a82, 0x6982, 0x6988, 0x6700, 0x6282, 0x6b00, 0x6d00, 0x6e00, 0x6300].map(
      (sw) => describeStatus(sw).name,
    )
    expect(names).toEqual([
      'FILE_NOT_FOUND',
      'SECURITY_STATUS_NOT_SATISFIED',
      'SM_DATA_OBJECTS_INCORRECT',
      'WRONG_LENGTH',
      'END_OF_FILE',
      'WRONG_P1P2',
      'INS_NOT_SUPPORTED',
      'CLA_NOT_SUPPORTED',
      'AUTHENTICATION_FAILED',
    ])
  })

  it('reads the tries left from 63Cx and the lengths from 61xx and 6Cxx', () => {
    expect(describeStatus(0x63c2)).toMatchObject({ name: 'AUTHENTICATION_FAILED', retriesLeft: 2 })
    expect(describeStatus(0x6300).retriesLeft).toBeUndefined()
    expect(describeStatus(0x6110)).toMatchObject({ name: 'MORE_DATA', length: 16 })
    expect(describeStatus(0x6c00)).toMatchObject({ name: 'WRONG_LE', length: 256 })
    expect(describeStatus(0x6455).name).toBe('UNKNOWN_STATUS')
  })

  it('throws a bilingual StatusWordError that says what was being done', () => {
    let caught: unknown
    try {
      expectSuccess({ data: new Uint8Array(0), sw: 0x63c1 }, 'EXTERNAL AUTHENTICATE')
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(StatusWordError)
    expect(caught).toBeInstanceOf(CardError)
    const error = caught as StatusWordError
    expect(error.code).toBe('STATUS_WORD')
    expect(error.status).toBe('AUTHENTICATION_FAILED')
    expect(error.retriesLeft).toBe(1)
    expect(error.sw).toBe(0x63c1)
    expect(error.message).toBe(
      'Xác thực thất bại, còn 1 lần thử / Authentication failed, 1 tries left: SW 63C1 (AUTHENTICATION_FAILED) on EXTERNAL AUTHENTICATE',
    )
    expect(swHex(0x9000)).toBe('9000')
  })

  it('passes the data of a 9000 answer through', () => {
    const data = Uint8Array.of(1, 2)
    expect(expectSuccess({ data, sw: 0x9000 })).toBe(data)
  })
})
