import { describe, expect, it } from 'vitest'
import { msisdnOf } from './msisdn'

describe('msisdnOf', () => {
  it('turns every written form of a Vietnamese mobile into its international digits', () => {
    for (const phone of ['0912345678', '+84 91 234 5678', '84912345678', '091.234.5678']) {
      expect(msisdnOf(phone)).toBe('84912345678')
    }
  })

  it('refuses what is not a ten-digit Vietnamese number', () => {
    for (const phone of ['', '091234567', '09123456789', '+1 212 555 0100', '0912a45678']) {
      expect(msisdnOf(phone)).toBeNull()
    }
  })
})
