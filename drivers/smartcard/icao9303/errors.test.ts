import { describe, expect, it } from 'vitest'
import { AccessDeniedError, accessDeniedText } from './errors'

describe('a refused access key', () => {
  it('says how many tries the chip has left (63Cx)', () => {
    const error = new AccessDeniedError('PACE', 0x63c2)
    expect(error.messageKey).toBe('messages.icao.accessDeniedTriesLeft')
    expect(error.params).toEqual({ triesLeft: 2 })
  })

  it('says the key is blocked (63C0, 6983), and stays general otherwise', () => {
    expect(accessDeniedText(0x63c0).messageKey).toBe('messages.icao.accessBlocked')
    expect(accessDeniedText(0x6983).messageKey).toBe('messages.icao.accessBlocked')
    expect(accessDeniedText(0x6300).messageKey).toBe('messages.icao.accessDenied')
    expect(accessDeniedText(null).messageKey).toBe('messages.icao.accessDenied')
  })
})
