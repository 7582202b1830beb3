import { describe, expect, it } from 'vitest'
import { type CardError, CardRemovedError, TimeoutError } from '../iso7816/errors'
import { PcscUnavailableError, mapPcscError, pcscResultCode } from './pcsc-errors'

const bindingError = (text: string): Error => new Error(text)

describe('PC/SC error mapping', () => {
  it('reads the result code at the end of the binding message', () => {
    expect(pcscResultCode(bindingError('SCardTransmit error: Card was removed.(0x80100069)'))).toBe(
      0x80100069,
    )
    expect(pcscResultCode(bindingError('something else'))).toBeUndefined()
  })

  it('maps removal, sharing, readers, daemon, timeouts and handles to typed errors', () => {
    const map = (text: string): CardError => mapPcscError(bindingError(text), 'transmit')
    expect(map('SCardTransmit error: Card was removed.(0x80100069)')).toBeInstanceOf(
      CardRemovedError,
    )
    expect(map('SCardConnect error: No smart card inserted.(0x8010000c)')).toBeInstanceOf(
      CardRemovedError,
    )
    expect(map('SCardConnect error: Sharing violation.(0x8010000b)').code).toBe('READER_BUSY')
    expect(map('SCardConnect error: Unknown reader specified.(0x80100009)').code).toBe(
      'READER_NOT_FOUND',
    )
    const down = map('SCardEstablishContext error: Service not available.(0x8010001d)')
    expect(down).toBeInstanceOf(PcscUnavailableError)
    expect((down as PcscUnavailableError).reason).toBe('pcscd-down')
    expect(map('SCardTransmit error: Command timeout.(0x8010000a)')).toBeInstanceOf(TimeoutError)
    expect(map('SCardTransmit error: Card was reset.(0x80100068)').code).toBe('LINK_BROKEN')
    expect(map('SCardTransmit error: Invalid handle.(0x80100003)').code).toBe('LINK_CLOSED')
    expect(map('Card Reader not connected').code).toBe('LINK_CLOSED')
    expect(map('SCardTransmit error: Transaction failed.(0x80100016)').code).toBe('TRANSPORT')
  })

  it('keeps the binding message as detail and cause, and passes CardErrors through', () => {
    const original = bindingError('SCardTransmit error: Transaction failed.(0x80100016)')
    const mapped = mapPcscError(original, 'transmit')
    expect(mapped.message).toBe(
      'Lỗi truyền dữ liệu với thẻ / Communication error with the card: transmit: SCardTransmit error: Transaction failed.(0x80100016)',
    )
    expect(mapped.cause).toBe(original)
    const typed = new CardRemovedError()
    expect(mapPcscError(typed, 'x')).toBe(typed)
  })
})
