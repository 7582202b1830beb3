import { describe, expect, it } from 'vitest'
import { buildDg1, parseDg1 } from '../icao9303/lds/dg1'
import { canFromIdNumber } from './access-keys'
import { parseDg13 } from './dg13'
import { buildDg13 } from './dg13-build'
import { validateIdNumber } from './id-number'
import { readCccdMrz } from './mrz'
import { PROVINCES } from './provinces'
import { parseCccdQr } from './qr'
import { reconcile } from './reconcile'
import { syntheticCitizen, syntheticCitizens } from './synthetic-citizens'

const today = new Date('2026-03-01T08:00:00Z')

describe('synthetic citizens', () => {
  it('are the same for the same seed and day, different for another seed', () => {
    expect(syntheticCitizen('a', { today })).toEqual(syntheticCitizen('a', { today }))
    expect(syntheticCitizen('a', { today }).idNumber).not.toBe(
      syntheticCitizen('b', { today }).idNumber,
    )
  })

  it('have Vietnamese names with diacritics and real province codes', () => {
    const people = syntheticCitizens('names', 40, { today })
    expect(people.some((p) => p.fullName.normalize('NFD') !== p.fullName)).toBe(true)
    expect(people.every((p) => PROVINCES.has(p.provinceCode))).toBe(true)
    expect(new Set(people.map((p) => p.idNumber)).size).toBe(40)
    expect(people.some((p) => p.ethnicity === 'Kinh')).toBe(true)
    expect(new Set(people.map((p) => p.sex))).toEqual(new Set(['M', 'F']))
  })

  it('have an ID number consistent with their birth date and sex', () => {
    for (const p of syntheticCitizens('ids', 60, { today })) {
      const check = validateIdNumber(p.idNumber, { dateOfBirth: p.dateOfBirth, sex: p.sex, today })
      expect(check.problems).toEqual([])
      expect(p.dateOfIssue <= '2026-03-01' && p.dateOfIssue >= '2023-03-01').toBe(true)
      expect(p.dateOfExpiry > p.dateOfIssue).toBe(true)
    }
  })

  it('feed DG1, DG13 and the QR code with data that agree', () => {
    for (const p of syntheticCitizens('files', 20, { today, sex: 'F' })) {
      expect(p.sex).toBe('F')
      const mrz = parseDg1(buildDg1(p.mrz))
      expect(mrz.valid).toBe(true)
      expect(readCccdMrz(mrz)).toMatchObject({
        idNumber: p.idNumber,
        documentNumberMatchesId: true,
      })
      expect(mrz.documentNumber.slice(-6)).toBe(canFromIdNumber(p.idNumber))
      const dg13 = parseDg13(buildDg13(p.dg13))
      expect(dg13).toMatchObject({
        idNumber: p.idNumber,
        fullName: p.fullName,
        sexCode: 'F',
        oldIdNumber: p.oldIdNumber,
      })
      expect(dg13.dateOfBirth?.iso).toBe(p.dateOfBirth)
      expect(reconcile(parseCccdQr(p.qrPayload), dg13)).toEqual([])
    }
  })

  it('makes the holder of a given ID number, consistent with it', () => {
    const today = new Date('2026-11-26T00:00:00Z')
    const p = syntheticCitizen('given', { today, idNumber: '079301012345' })
    expect(p.idNumber).toBe('079301012345')
    expect(p.sex).toBe('F')
    expect(p.dateOfBirth.slice(0, 4)).toBe('2001')
    expect(validateIdNumber(p.idNumber, { dateOfBirth: p.dateOfBirth, sex: p.sex }).valid).toBe(
      true,
    )
    expect(parseDg1(buildDg1(p.mrz)).documentNumber).toBe('301012345')
    expect(() => syntheticCitizen('old', { today, idNumber: '001050012345' })).toThrow(RangeError)
    expect(() => syntheticCitizen('bad', { today, idNumber: '12345' })).toThrow(RangeError)
  })
})
