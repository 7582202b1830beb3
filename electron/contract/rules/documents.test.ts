import { describe, expect, it } from 'vitest'
import { parseCalendarDate, type CalendarDate } from './date-of-birth'
import { parseLicenceClass, parseLicenceExpiry, parseLicenceNumber } from './driving-licence'
import { parseHealthInsurance } from './health-insurance'
import { parsePlate, parseRegistrationNumber } from './vehicle-plate'

function day(text: string): CalendarDate {
  const date = parseCalendarDate(text)
  if (!date) throw new Error(`not a date: ${text}`)
  return date
}

describe('parseHealthInsurance', () => {
  it('reads the 15-character card code (Decision 1351/QĐ-BHXH)', () => {
    const card = {
      socialInsuranceNumber: '0123456789',
      cardCode: 'DN4790123456789',
      group: 'DN',
      benefitLevel: 4,
      province: '79',
      groupKnown: true,
    }
    expect(parseHealthInsurance('DN4790123456789')).toEqual({ ok: true, value: card })
    expect(parseHealthInsurance('dn 4 79 0123456789')).toEqual({ ok: true, value: card })
  })

  it('reads the bare 10-digit social-insurance number', () => {
    expect(parseHealthInsurance('01 2345 6789')).toEqual({
      ok: true,
      value: {
        socialInsuranceNumber: '0123456789',
        cardCode: null,
        group: null,
        benefitLevel: null,
        province: null,
        groupKnown: true,
      },
    })
  })

  it('accepts an unknown group with a warning flag', () => {
    expect(parseHealthInsurance('ZZ4790123456789')).toMatchObject({
      ok: true,
      value: { group: 'ZZ', groupKnown: false },
    })
  })

  it.each([
    ['', 'empty', {}],
    ['DN4790123456789!', 'bad-characters', {}],
    ['DN479012345678', 'wrong-length', { length: 14 }],
    ['012345678', 'wrong-length', { length: 9 }],
    ['1N4790123456789', 'bad-group', {}],
    ['DN6790123456789', 'bad-benefit-level', { level: '6' }],
    ['DN0790123456789', 'bad-benefit-level', { level: '0' }],
    ['DN4000123456789', 'bad-province', { province: '00' }],
    ['DN479012345678A', 'bad-characters', {}],
  ])('refuses %j: %s', (text, reason, params) => {
    expect(parseHealthInsurance(text)).toEqual({ ok: false, reason, params })
  })
})

describe('driving licence', () => {
  it('takes a 12-digit number, separators dropped', () => {
    expect(parseLicenceNumber('0790 1234 5678')).toEqual({ ok: true, value: '079012345678' })
    expect(parseLicenceNumber('07901234567')).toMatchObject({ ok: false, reason: 'bad-number' })
    expect(parseLicenceNumber('07901234567A')).toMatchObject({ ok: false, reason: 'bad-number' })
    expect(parseLicenceNumber('')).toMatchObject({ ok: false, reason: 'empty' })
  })

  it.each([
    ['b', undefined, 'B', '36/2024/QH15', false],
    ['C1E', undefined, 'C1E', '36/2024/QH15', false],
    ['B2', undefined, 'B2', '23/2008/QH12', true],
    ['FC', undefined, 'FC', '23/2008/QH12', true],
    ['A1', undefined, 'A1', '36/2024/QH15', false],
    ['A1', day('2019-05-01'), 'A1', '23/2008/QH12', true],
    ['C', day('2024-12-31'), 'C', '23/2008/QH12', true],
    ['C', day('2025-01-01'), 'C', '36/2024/QH15', false],
    ['A', day('2019-05-01'), 'A', '36/2024/QH15', false],
  ])('class %s issued %j is %s of Law %s (old: %s)', (text, issuedOn, code, law, oldClass) => {
    expect(parseLicenceClass(text, issuedOn)).toEqual({ ok: true, value: { code, law, oldClass } })
  })

  it('refuses a class neither law has', () => {
    expect(parseLicenceClass('B3')).toEqual({
      ok: false,
      reason: 'unknown-class',
      params: { class: 'B3' },
    })
  })

  it('reads the expiry date and refuses an expired licence', () => {
    const today = day('2026-12-03')
    expect(parseLicenceExpiry('03/12/2026', today)).toEqual({ ok: true, value: today })
    expect(parseLicenceExpiry('2031-01-15', today)).toEqual({ ok: true, value: day('2031-01-15') })
    expect(parseLicenceExpiry('Không thời hạn', today)).toEqual({ ok: true, value: null })
    expect(parseLicenceExpiry('02/12/2026', today)).toEqual({
      ok: false,
      reason: 'expired',
      params: { date: '2026-12-02' },
    })
    expect(parseLicenceExpiry('31/02/2027', today)).toMatchObject({ reason: 'bad-date' })
    expect(parseLicenceExpiry('soon', today)).toMatchObject({ reason: 'bad-date' })
  })
})

describe('parsePlate', () => {
  it.each([
    ['30A-123.45', undefined, '30A-123.45', 'car', 'Hà Nội'],
    ['30a12345', undefined, '30A-123.45', 'car', 'Hà Nội'],
    ['30 A12345', undefined, '30A-123.45', 'car', 'Hà Nội'],
    ['51K-1234', undefined, '51K-1234', 'car', 'TP Hồ Chí Minh'],
    ['29-B1 234.56', undefined, '29-B1 234.56', 'motorcycle', 'Hà Nội'],
    ['29-HA 002.33', undefined, '29-HA 002.33', 'motorcycle', 'Hà Nội'],
    ['99-H7 7060', undefined, '99-H7 7060', 'motorcycle', 'Bắc Ninh'],
    ['51LD 123.45', 'car', '51LD-123.45', 'car', 'TP Hồ Chí Minh'],
    ['79A-000.01', undefined, '79A-000.01', 'car', 'Khánh Hòa'],
  ] as const)('%j is %s', (text, kind, display, plateKind, localityName) => {
    expect(parsePlate(text, kind)).toMatchObject({
      ok: true,
      value: { display, kind: plateKind, localityName },
    })
  })

  it.each([
    ['', 'empty', {}],
    ['30I-123.45', 'bad-series', { series: 'I' }],
    ['30AO-123.45', 'bad-series', { series: 'AO' }],
    ['00A-123.45', 'unknown-locality', { locality: '00' }],
    ['13A-123.45', 'unknown-locality', { locality: '13' }],
    ['30A-123.456', 'bad-format', {}],
    ['30A-000.00', 'bad-format', {}],
    ['A30-123.45', 'bad-format', {}],
  ])('refuses %j: %s', (text, reason, params) => {
    expect(parsePlate(text)).toEqual({ ok: false, reason, params })
  })

  it('takes a registration certificate number of 6 to 8 digits', () => {
    expect(parseRegistrationNumber('012 345')).toEqual({ ok: true, value: '012345' })
    expect(parseRegistrationNumber('12345')).toMatchObject({ reason: 'bad-format' })
    expect(parseRegistrationNumber('12345A')).toMatchObject({ reason: 'bad-format' })
    expect(parseRegistrationNumber(' ')).toMatchObject({ reason: 'empty' })
  })
})
