import { describe, expect, it } from 'vitest'
import { mrzKeyInformation } from '../icao9303/access-key'
import { parseMrz } from '../icao9303/lds/mrz'
import { formatMrz } from '../icao9303/lds/mrz-build'
import { canFromIdNumber, cccdAccessKeys, mrzDocumentNumberFromIdNumber } from './access-keys'
import { centurySexDigit, idNumberParts, validateIdNumber } from './id-number'
import { cccdMrzFields, readCccdMrz } from './mrz'
import { PROVINCES } from './provinces'

describe('12-digit ID number', () => {
  it('splits into province, century and sex, birth year and serial', () => {
    expect(idNumberParts('001099012345')).toEqual({
      provinceCode: '001',
      provinceName: 'Hà Nội',
      centurySexDigit: 0,
      sex: 'M',
      birthYear: 1999,
      serial: '012345',
    })
    expect(idNumberParts('079305000001')).toMatchObject({
      provinceName: 'Hồ Chí Minh',
      sex: 'F',
      birthYear: 2005,
    })
    expect(idNumberParts('096900000000')).toMatchObject({ sex: 'F', birthYear: 2300 })
  })

  it('knows the 63 province codes, 001 to 096', () => {
    expect(PROVINCES.size).toBe(63)
    expect([...PROVINCES.keys()].every((c) => c >= '001' && c <= '096')).toBe(true)
    expect(PROVINCES.get('048')).toBe('Đà Nẵng')
    expect(PROVINCES.has('003')).toBe(false)
  })

  it('accepts a consistent number', () => {
    const result = validateIdNumber('001099012345', {
      dateOfBirth: '1999-03-15',
      sex: 'M',
      today: new Date('2026-01-01T00:00:00Z'),
    })
    expect(result).toMatchObject({ valid: true, problems: [] })
  })

  it('names every problem in Vietnamese and English', () => {
    expect(validateIdNumber('00109901234').problems.map((p) => p.code)).toEqual(['format'])
    expect(validateIdNumber('00109901234a').parts).toBeNull()
    const result = validateIdNumber('003299012345', {
      dateOfBirth: '1999-03-15',
      sex: 'F',
      today: new Date('2026-01-01T00:00:00Z'),
    })
    expect(result.valid).toBe(false)
    expect(result.problems.map((p) => p.code)).toEqual([
      'unknown-province',
      'birth-year-in-future',
      'birth-year-mismatch',
      'sex-mismatch',
    ])
    for (const p of result.problems) {
      expect(p.vi.length).toBeGreaterThan(10)
      expect(p.en.length).toBeGreaterThan(10)
    }
    expect(result.problems[2]?.en).toContain('2099')
  })

  it('encodes century and sex the other way round', () => {
    expect(centurySexDigit(1999, 'M')).toBe(0)
    expect(centurySexDigit(2005, 'F')).toBe(3)
    expect(centurySexDigit(2100, 'M')).toBe(4)
    expect(() => centurySexDigit(1899, 'M')).toThrow(RangeError)
  })
})

describe('CCCD access keys and MRZ', () => {
  const holder = {
    idNumber: '001099012345',
    fullName: 'Nguyễn Văn A',
    dateOfBirth: '1999-03-15',
    dateOfExpiry: '2039-03-15',
    sex: 'M' as const,
  }

  it('derives the CAN and the MRZ key from the ID (research note values)', () => {
    expect(canFromIdNumber(holder.idNumber)).toBe('012345')
    expect(mrzDocumentNumberFromIdNumber(holder.idNumber)).toBe('099012345')
    const keys = cccdAccessKeys(holder)
    expect(keys.can).toEqual({ kind: 'CAN', can: '012345' })
    expect(mrzKeyInformation(keys.mrz)).toBe('099012345999031593903157')
    expect(() => canFromIdNumber('12345')).toThrow(RangeError)
  })

  it('builds the CCCD TD1 MRZ with the full ID in the optional data', () => {
    expect(formatMrz(cccdMrzFields(holder))).toEqual([
      'IDVNM0990123459001099012345<<0',
      '9903159M3903157VNM<<<<<<<<<<<0',
      'NGUYEN<<VAN<A<<<<<<<<<<<<<<<<<',
    ])
  })

  it('reads the ID and its check digit back from the MRZ', () => {
    const mrz = parseMrz(formatMrz(cccdMrzFields(holder)).join('\n'))
    expect(readCccdMrz(mrz)).toEqual({
      idNumber: '001099012345',
      idNumberCheck: { printed: '0', computed: 0, valid: true },
      documentNumberMatchesId: true,
    })
    const tampered = parseMrz(mrz.lines.join('\n').replace('001099012345<<0', '001099012346<<0'))
    expect(readCccdMrz(tampered)).toMatchObject({
      idNumber: '001099012346',
      idNumberCheck: { valid: false },
      documentNumberMatchesId: false,
    })
    const passport = parseMrz(
      'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10',
    )
    expect(readCccdMrz(passport).idNumber).toBeNull()
  })
})
