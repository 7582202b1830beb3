import { describe, expect, it } from 'vitest'
import { AccessDeniedError, SecureMessagingError } from '../icao9303/errors'
import { CardError, CardRemovedError, TimeoutError } from '../iso7816/errors'
import { PcscUnavailableError } from '../pcsc/pcsc-errors'
import { CardReaderError, toCardReaderError } from './card-reader-errors'

describe('toCardReaderError', () => {
  it.each([
    [new AccessDeniedError('PACE', 0x63c2), 'access-denied'],
    [new CardRemovedError('pulled'), 'card-removed'],
    [new TimeoutError(5000), 'timeout'],
    [new PcscUnavailableError('binding-missing', 'no module'), 'pcsc-unavailable'],
    [CardError.of('READER_NOT_FOUND', 'X'), 'no-reader'],
    [CardError.of('NO_CARD', 'X'), 'no-card'],
    [CardError.of('READER_BUSY', 'X'), 'reader-busy'],
    [CardError.of('MALFORMED_RESPONSE', 'short'), 'read-failed'],
    [new SecureMessagingError('BAD_MAC'), 'read-failed'],
    [new TypeError('x is undefined'), 'read-failed'],
    ['a string', 'read-failed'],
  ])('sorts %s as %s', (error, code) => {
    const mapped = toCardReaderError(error)
    expect(mapped.code).toBe(code)
    expect(mapped.cause).toBe(error)
    expect(mapped.vi).not.toBe(mapped.en)
    expect(mapped.message.startsWith(`${mapped.vi} / ${mapped.en}`)).toBe(true)
  })

  it('keeps the cause’s own sentence and detail', () => {
    const mapped = toCardReaderError(new AccessDeniedError('BAC', 0x6300))
    expect(mapped.message).toBe(
      'Thẻ từ chối khóa truy cập (sai CAN hoặc dữ liệu MRZ) / The chip refused the access key (wrong CAN or MRZ data): BAC, SW 6300',
    )
    const pcsc = toCardReaderError(new PcscUnavailableError('pcscd-down', 'no socket'))
    expect(pcsc.en).toBe('The smart-card service pcscd is not running')
    expect(pcsc.detail).toBe('no socket')
  })

  it('names what failed in a read-failed message', () => {
    const mapped = toCardReaderError(new SecureMessagingError('BAD_MAC'))
    expect(mapped.message).toBe(
      'Không đọc được thẻ / The card could not be read: Lỗi kênh bảo mật với thẻ / Secure messaging with the chip failed: BAD_MAC',
    )
  })

  it('passes a CardReaderError through', () => {
    const error = new CardReaderError('no-card', 'Reader 0')
    expect(toCardReaderError(error)).toBe(error)
  })
})
