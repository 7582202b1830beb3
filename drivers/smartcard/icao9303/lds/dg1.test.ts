import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { hex } from '../../../../lib/bytes'
import { ParseError } from '../../../../lib/parse-error'
import { buildDg1, encodeDg1, parseDg1 } from './dg1'
import type { MrzFields } from './mrz-build'

const CCCD_FIELDS: MrzFields = {
  format: 'TD1',
  documentCode: 'ID',
  issuingState: 'VNM',
  documentNumber: '099012345',
  dateOfBirth: '990315',
  sex: 'M',
  dateOfExpiry: '390315',
  nationality: 'VNM',
  surname: 'Nguyễn',
  givenNames: 'Văn A',
  optionalData: '001099012345<<0',
}

describe('DG1', () => {
  it('wraps a TD1 MRZ as 61 5D 5F1F 5A and reads it back', () => {
    const dg1 = buildDg1(CCCD_FIELDS)
    expect(hex(dg1.subarray(0, 5))).toBe('615D5F1F5A')
    expect(dg1.length).toBe(95)
    const mrz = parseDg1(dg1)
    expect(mrz.lines).toEqual([
      'IDVNM0990123459001099012345<<0',
      '9903159M3903157VNM<<<<<<<<<<<0',
      'NGUYEN<<VAN<A<<<<<<<<<<<<<<<<<',
    ])
    expect(mrz.valid).toBe(true)
  })

  it('round-trips a TD3 MRZ', () => {
    const dg1 = buildDg1({ ...CCCD_FIELDS, format: 'TD3', documentCode: 'P', optionalData: '' })
    const mrz = parseDg1(dg1)
    expect(mrz.format).toBe('TD3')
    expect(mrz.documentNumber).toBe('099012345')
    expect(mrz.checks.optionalData).toEqual({ printed: '<', computed: 0, valid: true })
  })

  it('replays given lines as they are, bad check digits included', () => {
    const lines = [
      'IDVNM0990123451001099012345<<0',
      '9903159M3903157VNM<<<<<<<<<<<0',
      'NGUYEN<<VAN<A<<<<<<<<<<<<<<<<<',
    ]
    const mrz = parseDg1(encodeDg1(lines))
    expect(mrz.checks.documentNumber.valid).toBe(false)
  })

  it('refuses MRZ data of the wrong size with ParseError', () => {
    const short = Uint8Array.from([0x61, 0x05, 0x5f, 0x1f, 0x02, 0x41, 0x42])
    expect(() => parseDg1(short)).toThrow(/dg1: MRZ data of 2 bytes/)
  })

  it('lets only ParseError escape on arbitrary bytes', () => {
    const valid = buildDg1(CCCD_FIELDS)
    const mutated = fc
      .tuple(fc.integer({ min: 0, max: valid.length - 1 }), fc.integer({ min: 0, max: 255 }))
      .map(([at, value]) => {
        const copy = valid.slice()
        copy[at] = value
        return copy
      })
    fc.assert(
      fc.property(fc.oneof(mutated, fc.uint8Array({ maxLength: 100 })), (bytes) => {
        try {
          parseDg1(bytes)
        } catch (error) {
          expect(error).toBeInstanceOf(ParseError)
        }
      }),
      { numRuns: 3000 },
    )
  })
})
