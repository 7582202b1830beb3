import { describe, expect, it } from 'vitest'
import { hasMessage, type CatalogueMessage } from '../../lib/messages'
import { idNumberProblemCodes, validateIdNumber } from './cccd/id-number'
import {
  AccessDeniedError,
  ChipAuthenticityError,
  ProtocolError,
  SecureMessagingError,
  UnsupportedProtocolError,
} from './icao9303/errors'
import { CardError, cardErrorCodes, TimeoutError } from './iso7816/errors'
import { StatusWordError, statusMessage, statusNames } from './iso7816/status-words'
import { PcscUnavailableError, pcscUnavailableReasons } from './pcsc/pcsc-errors'
import { CardReaderError, cardReaderErrorCodes } from './service/card-reader-errors'
import { SCENARIOS } from './sim/cccd/scenarios'
import { VpcdUnavailableError } from './sim/vpcd-client'

/** One of every error and text the smart-card stack can give an officer. */
function everyMessage(): [string, CatalogueMessage][] {
  const out: [string, CatalogueMessage][] = []
  for (const code of cardErrorCodes)
    if (code !== 'STATUS_WORD') out.push([code, CardError.of(code)])
  // Every status word a chip can answer falls in one of these shapes.
  for (const sw of [0x9000, 0x6282, 0x6300, 0x63c1, 0x6110, 0x6c20, 0x6a82, 0x6455])
    out.push([`SW ${sw.toString(16)}`, new StatusWordError(sw)])
  for (const reason of pcscUnavailableReasons) out.push([reason, new PcscUnavailableError(reason)])
  for (const code of cardReaderErrorCodes) out.push([code, new CardReaderError(code)])
  out.push(
    ['timeout', new TimeoutError(5)],
    ['vpcd', new VpcdUnavailableError('127.0.0.1', 35963)],
    ['access', new AccessDeniedError('PACE', 0x63c2)],
    ['authenticity', new ChipAuthenticityError('CA', 'bad token')],
    ['protocol', new ProtocolError('BAC', 'GET CHALLENGE', 0x6d00)],
    ['unsupported', new UnsupportedProtocolError('DH mapping')],
    ['sm', new SecureMessagingError('BAD_MAC')],
  )
  return out
}

describe('smart-card messages', () => {
  it.each(everyMessage())('%s has both texts in the catalogue', (_, message) => {
    expect(hasMessage(message.messageKey), message.messageKey).toBe(true)
  })

  it('names a sentence for every status name', () => {
    for (const name of statusNames) {
      const key = statusMessage(name).messageKey
      expect(hasMessage(key), key).toBe(true)
    }
  })

  it('formats the status word sentence with its numbers', () => {
    const error = new StatusWordError(0x63c2, 'EXTERNAL AUTHENTICATE')
    expect(error.messageKey).toBe('messages.sw.AUTHENTICATION_FAILED_RETRIES')
    expect(error.params).toEqual({ retriesLeft: 2 })
    expect(error.vi).toBe('Xác thực thất bại, còn 2 lần thử')
    expect(error.message).toBe(
      'Xác thực thất bại, còn 2 lần thử / Authentication failed, 2 tries left: SW 63C2 (AUTHENTICATION_FAILED) on EXTERNAL AUTHENTICATE',
    )
  })

  it('keeps the classes and their discriminators', () => {
    const error = new PcscUnavailableError('pcscd-down', 'no socket')
    expect(error).toBeInstanceOf(CardError)
    expect([error.code, error.reason, error.detail]).toEqual([
      'PCSC_UNAVAILABLE',
      'pcscd-down',
      'no socket',
    ])
    expect(error.message).toBe(
      'Dịch vụ đầu đọc thẻ pcscd chưa chạy / The smart-card service pcscd is not running: no socket',
    )
  })

  it('has a sentence for every ID number problem, with its numbers', () => {
    // Province 003 is not in the list; 2 = a man born in the 2000s, 2099 here.
    const result = validateIdNumber('003299012345', {
      dateOfBirth: '1999-03-15',
      sex: 'F',
      today: new Date('2026-01-01T00:00:00Z'),
    })
    const keys = [
      ...validateIdNumber('12').problems,
      ...result.problems,
      ...validateIdNumber('001305000001', { sex: 'M' }).problems,
    ].map((p) => p.messageKey)
    expect(new Set(keys.map((k) => k.split('.')[2]!.replace(/-[MF]$/, '')))).toEqual(
      new Set(idNumberProblemCodes),
    )
    for (const key of keys) expect(hasMessage(key), key).toBe(true)
    const mismatch = result.problems.find((p) => p.code === 'sex-mismatch')
    expect(mismatch?.vi).toBe('Số định danh ghi giới tính Nam, khác với giới tính đã cho (F)')
    expect(mismatch?.en).toBe('The ID number encodes sex M, not the sex given (F)')
    expect(keys).toContain('messages.idNumber.sex-mismatch-F')
  })

  it.each(Object.keys(SCENARIOS))('describes the %s scenario in both languages', (name) => {
    const key = `messages.scenario.${name}`
    expect(hasMessage(key), key).toBe(true)
    expect(SCENARIOS[name as keyof typeof SCENARIOS].description).toMatch(/^[^/]+ \/ [^/]+$/)
  })
})
