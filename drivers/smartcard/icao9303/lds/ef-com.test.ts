import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fromHex, hex } from '../../../../lib/bytes'
import { ParseError } from '../../../../lib/parse-error'
import { buildEfCom, parseEfCom } from './ef-com'

// ICAO 9303-11 Appendix D.4 EF.COM (as in gmrtd document/com_test.go): LDS 1.6, Unicode 4.0.0, DG1 + DG2.
const ICAO_EF_COM = '60145F0104303130365F36063034303030305C026175'

describe('EF.COM', () => {
  it('parses the ICAO example', () => {
    expect(parseEfCom(fromHex(ICAO_EF_COM))).toEqual({
      ldsVersion: '0106',
      unicodeVersion: '040000',
      tags: [0x61, 0x75],
      dataGroups: [1, 2],
    })
  })

  it('builds the ICAO example byte for byte and round-trips the CCCD set', () => {
    expect(hex(buildEfCom({ ldsVersion: '0106', dataGroups: [1, 2] }))).toBe(ICAO_EF_COM)
    const cccd = parseEfCom(buildEfCom({ dataGroups: [1, 2, 13, 14, 15] }))
    expect(cccd.dataGroups).toEqual([1, 2, 13, 14, 15])
    expect(cccd.tags).toEqual([0x61, 0x75, 0x6d, 0x6e, 0x6f])
    expect(cccd.ldsVersion).toBe('0107')
  })

  it('keeps unknown tags but names only data groups', () => {
    const fixed = fromHex('6014 5F0104 30313037 5F3606 303430303030 5C02 6199')
    expect(parseEfCom(fixed)).toMatchObject({ tags: [0x61, 0x99], dataGroups: [1] })
  })

  it('refuses missing or malformed versions', () => {
    expect(() => parseEfCom(fromHex('6004 5C026175'))).toThrow(/ef.com: missing tag 5F01/)
    expect(() => parseEfCom(fromHex('600F 5F0104 3031AB37 5F3603 303430 5C00'))).toThrow(ParseError)
  })

  it('lets only ParseError escape on arbitrary bytes', () => {
    const tlvLike = fc.oneof(
      fc.uint8Array({ maxLength: 40 }),
      fc.uint8Array({ maxLength: 38 }).map((b) => Uint8Array.from([0x60, b.length, ...b])),
    )
    fc.assert(
      fc.property(tlvLike, (bytes) => {
        try {
          parseEfCom(bytes)
        } catch (error) {
          expect(error).toBeInstanceOf(ParseError)
        }
      }),
      { numRuns: 3000 },
    )
  })
})
