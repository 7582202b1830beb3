import { describe, expect, it } from 'vitest'
import { mrzCheckDigit, mrzKeyInformation } from './access-key'

describe('MRZ check digits and key information', () => {
  it('matches the ICAO 9303-11 Appendix D.2 example', () => {
    expect(
      mrzKeyInformation({
        kind: 'MRZ',
        documentNumber: 'L898902C',
        dateOfBirth: '690806',
        dateOfExpiry: '940623',
      }),
    ).toBe('L898902C<369080619406236')
  })

  it('computes check digits of letters, digits and fillers', () => {
    expect(mrzCheckDigit('L898902C<')).toBe(3)
    expect(mrzCheckDigit('520727')).toBe(3)
    expect(() => mrzCheckDigit('ab')).toThrow(RangeError)
  })
})
