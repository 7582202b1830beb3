import { describe, expect, it } from 'vitest'
import { hasMessage, type CatalogueMessage } from '../../lib/messages'
import { captureErrorCodes, CaptureError } from './capture/errors'
import { CONFIRMATION, confirmationIds, Ef01ConfirmationError } from './ef01/confirmation'
import { Ef01FrameError, Ef01ProtocolError, Ef01TimeoutError } from './ef01/errors'
import { policyErrorCodes, TenPrintPolicyError } from './policy/errors'
import { RecordParseError } from './records/errors'
import { sbiErrorKinds, SbiError, sbiSecurityKinds, SbiSecurityError } from './sbi/errors'
import {
  CancelledError,
  FingerprintError,
  TransportError,
  transportErrorCodes,
} from './transport/errors'
import { WsqError, wsqErrorCodes } from './wsq/errors'

/** One of every error the fingerprint stack can give an officer. */
function everyMessage(): [string, CatalogueMessage][] {
  return [
    ...transportErrorCodes.map((c) => [c, new TransportError(c)] as [string, CatalogueMessage]),
    ...captureErrorCodes.map((c) => [c, new CaptureError(c)] as [string, CatalogueMessage]),
    ...sbiErrorKinds.map((k) => [k, new SbiError(k)] as [string, CatalogueMessage]),
    ...sbiSecurityKinds.map((k) => [k, new SbiSecurityError(k)] as [string, CatalogueMessage]),
    ...policyErrorCodes.map(
      (c) => [c, new TenPrintPolicyError(c, 'x')] as [string, CatalogueMessage],
    ),
    ...Object.values(CONFIRMATION).map(
      (c) =>
        [`0x${c.toString(16)}`, new Ef01ConfirmationError(c, 0x01)] as [string, CatalogueMessage],
    ),
    ['unknown confirmation', new Ef01ConfirmationError(0x99, 0x01)],
    ['frame', new Ef01FrameError('bad-checksum', 'x')],
    ['protocol', new Ef01ProtocolError('busy', 'x')],
    ['truncated', new Ef01TimeoutError('ack', 10, true)],
    ['no answer', new Ef01TimeoutError('ack', 10, false)],
    ['cancelled', new CancelledError()],
    ['record', new RecordParseError('cbeff', 'x')],
    ...wsqErrorCodes.map((c) => [`wsq ${c}`, new WsqError(c, 'x')] as [string, CatalogueMessage]),
  ]
}

describe('fingerprint messages', () => {
  it.each(everyMessage())('%s has both texts in the catalogue', (_, message) => {
    expect(hasMessage(message.messageKey), message.messageKey).toBe(true)
  })

  it('has one stable name per known confirmation code', () => {
    expect(confirmationIds).toHaveLength(Object.keys(CONFIRMATION).length)
    expect(new Set(confirmationIds).size).toBe(confirmationIds.length)
  })

  it('keeps the classes, their codes and the bilingual message', () => {
    const error = new Ef01ConfirmationError(CONFIRMATION.NO_FINGER, 0x01)
    expect(error).toBeInstanceOf(FingerprintError)
    expect([error.code, error.reason, error.retryable]).toEqual([
      'ef01-no-finger',
      'no-finger',
      true,
    ])
    expect(error.message).toBe(
      'Chưa đặt ngón tay lên đầu đọc / No finger on the sensor: instruction 0x01 → confirmation 0x02',
    )
    const unknown = new Ef01ConfirmationError(0x99, 0x01)
    expect([unknown.reason, unknown.vi, unknown.en]).toEqual([
      'unknown-0x99',
      'Đầu đọc báo lỗi không xác định (0x99)',
      'Unknown module error (0x99)',
    ])
    const security = new SbiSecurityError('bad-signature')
    expect(security.en).toBe(
      'Untrusted data from the fingerprint device: the signature does not verify',
    )
    expect(new RecordParseError('jp2', 'no codestream box').message).toBe(
      'Bản ghi vân tay không hợp lệ (jp2) / Invalid fingerprint record (jp2): no codestream box',
    )
  })
})
