import { describe, expect, it } from 'vitest'
import { parseEmail } from './email'
import { parseMobile } from './phone'
import { MOBILE_PREFIXES, RETIRED_MOBILE_PREFIXES } from './phone-prefixes'

describe('parseMobile', () => {
  it.each([
    ['0912345678', 'vinaphone'],
    ['+84 91 234 5678', 'vinaphone'],
    ['84912345678', 'vinaphone'],
    ['0084912345678', 'vinaphone'],
    ['091.234.5678', 'vinaphone'],
    ['091-234-5678', 'vinaphone'],
    ['(091) 234 5678', 'vinaphone'],
    ['+84 0912 345 678', 'vinaphone'],
  ])('%j is +84912345678', (text, network) => {
    expect(parseMobile(text)).toEqual({
      valid: true,
      e164: '+84912345678',
      national: '0912345678',
      network,
    })
  })

  it.each([
    ['0339123456', 'viettel'],
    ['0981234567', 'viettel'],
    ['0701234567', 'mobifone'],
    ['0901234567', 'mobifone'],
    ['0561234567', 'vietnamobile'],
    ['0591234567', 'gmobile'],
    ['0871234567', 'itelecom'],
    ['0551234567', 'reddi'],
  ])('%s is on %s', (text, network) => {
    expect(parseMobile(text)).toMatchObject({ valid: true, network })
  })

  it.each([
    ['', 'empty', {}],
    ['   ', 'empty', {}],
    ['0912a45678', 'bad-characters', {}],
    ['09123+45678', 'bad-characters', {}],
    ['+1 202 555 0100', 'foreign-number', {}],
    ['0044 20 7946 0000', 'foreign-number', {}],
    ['091234567', 'wrong-length', { digits: 9 }],
    ['09123456789', 'wrong-length', { digits: 11 }],
    ['912345678', 'wrong-length', { digits: 9 }],
    ['02439123456', 'landline', {}],
    ['+84 28 3812 3456', 'landline', {}],
    ['1800 1091', 'service-number', {}],
    ['19001234', 'service-number', {}],
    ['0301234567', 'unallocated-prefix', { prefix: '030' }],
    ['0951234567', 'unallocated-prefix', { prefix: '095' }],
    ['01639123456', 'old-number', { suggestion: '0339123456' }],
    ['+84 1239 123 456', 'old-number', { suggestion: '0839123456' }],
  ])('%j is refused: %s', (text, reason, params) => {
    expect(parseMobile(text)).toEqual({ valid: false, reason, params })
  })

  it('maps every retired prefix to an allocated one, last seven digits kept', () => {
    for (const [old, replacement] of Object.entries(RETIRED_MOBILE_PREFIXES)) {
      const result = parseMobile(`${old}1234567`)
      expect(result).toEqual({
        valid: false,
        reason: 'old-number',
        params: { suggestion: `${replacement}1234567` },
      })
      expect(parseMobile(`${replacement}1234567`).valid, replacement).toBe(true)
    }
  })

  it('takes its prefix table from configuration when given one', () => {
    expect(parseMobile('0301234567', { '030': 'viettel' })).toMatchObject({ valid: true })
    expect(parseMobile('0912345678', { '030': 'viettel' })).toMatchObject({
      reason: 'unallocated-prefix',
    })
  })

  it('allocates only 0 + [35789] prefixes', () => {
    for (const prefix of Object.keys(MOBILE_PREFIXES)) expect(prefix).toMatch(/^0[35789]\d$/)
  })
})

describe('parseEmail', () => {
  it.each([
    ['', null],
    ['   ', null],
    [' lan.nguyen@Example.VN ', 'lan.nguyen@example.vn'],
    ['Lan+kiosk@mail.example.com', 'Lan+kiosk@mail.example.com'],
    ['nguyễn@ví-dụ.vn'.normalize('NFD'), 'nguyễn@ví-dụ.vn'.normalize('NFC')],
  ])('accepts %j as %j', (text, value) => {
    expect(parseEmail(text)).toEqual({ ok: true, value })
  })

  it.each([
    ['lan', 'bad-format'],
    ['@example.vn', 'bad-format'],
    ['lan@', 'bad-format'],
    ['lan@example', 'bad-format'],
    ['lan@@example.vn', 'bad-format'],
    ['lan nguyen@example.vn', 'bad-format'],
    ['lan..nguyen@example.vn', 'bad-format'],
    ['lan@-example.vn', 'bad-format'],
    ['lan@example.v1', 'bad-format'],
    [`${'a'.repeat(65)}@example.vn`, 'bad-format'],
    [`a@${'b'.repeat(250)}.vn`, 'too-long'],
  ])('refuses %j: %s', (text, reason) => {
    expect(parseEmail(text)).toMatchObject({ ok: false, reason })
  })
})
