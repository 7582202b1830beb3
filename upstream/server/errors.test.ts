import { describe, expect, it } from 'vitest'
import { formatMessage, hasMessage } from '../../lib/messages'
import { ErrorBodySchema, errorCodes } from '../../protocol'
import { errorBody, UpstreamError, upstreamErrorMessage } from './errors'
import { parse } from '../../lib/schema'

describe('upstream error bodies', () => {
  it.each(errorCodes)('%s has both texts in the catalogue', (code) => {
    expect(hasMessage(upstreamErrorMessage(code).messageKey)).toBe(true)
  })

  it('keep the wire shape and say the sentence in both languages, then the detail', () => {
    const body = new UpstreamError('offset_mismatch', 'at 12', 12).toBody()
    expect(parse(ErrorBodySchema, body)).toEqual(body)
    expect(body).toEqual({
      error: {
        code: 'offset_mismatch',
        message: 'Sai vị trí tải lên / Wrong upload offset: at 12',
        receivedOffset: 12,
      },
    })
    expect(errorBody('not_found', '').error.message).toBe('Không tìm thấy / Not found')
  })

  it('name the sentence of their code', () => {
    const error = new UpstreamError('stale_timestamp', 'skew 900 s')
    expect(formatMessage('en', error.messageKey, error.params)).toBe(
      'Terminal clock is too far off',
    )
    expect(error.status).toBe(401)
  })
})
