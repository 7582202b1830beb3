import { describe, expect, it } from 'vitest'
import { fromHex } from '../../../../lib/bytes'
import { ParseError } from '../../../../lib/parse-error'
import { dataGroup, LDS_FILES, ldsFile, ldsFileByFid, ldsFileByTag, unwrapLdsFile } from './files'

describe('LDS file table', () => {
  it('has the ICAO identifiers of EF.COM, EF.SOD and EF.CardAccess', () => {
    expect(ldsFile('EF.COM')).toMatchObject({ fid: 0x011e, sfi: 0x1e, tag: 0x60 })
    expect(ldsFile('EF.SOD')).toMatchObject({ fid: 0x011d, sfi: 0x1d, tag: 0x77 })
    expect(ldsFile('EF.CardAccess')).toMatchObject({ fid: 0x011c, sfi: 0x1c, location: 'MF' })
  })

  it('numbers DG1…DG16 from FID 0101 and SFI 01 with their tags', () => {
    expect(LDS_FILES.filter((f) => f.dataGroup !== null)).toHaveLength(16)
    expect(dataGroup(1)).toMatchObject({ name: 'DG1', fid: 0x0101, sfi: 0x01, tag: 0x61 })
    expect(dataGroup(2).tag).toBe(0x75)
    expect(dataGroup(13)).toMatchObject({ fid: 0x010d, tag: 0x6d })
    expect(dataGroup(16)).toMatchObject({ fid: 0x0110, sfi: 0x10, tag: 0x70 })
    expect(() => dataGroup(17)).toThrow(RangeError)
  })

  it('tells EF.SOD from EF.CardSecurity by location', () => {
    expect(ldsFileByFid(0x011d)?.name).toBe('EF.SOD')
    expect(ldsFileByFid(0x011d, 'MF')?.name).toBe('EF.CardSecurity')
    expect(ldsFileByTag(0x6f)?.name).toBe('DG15')
    expect(ldsFileByTag(0x99)).toBeUndefined()
  })

  it('unwraps a file, ignoring padding after it, and names a wrong tag', () => {
    expect(unwrapLdsFile('DG1', fromHex('6101AA 0000')).value).toEqual(Uint8Array.of(0xaa))
    expect(() => unwrapLdsFile('DG2', fromHex('6101AA'))).toThrow(/dg2: expected tag 75, found 61/)
    expect(() => unwrapLdsFile('DG2', new Uint8Array(0))).toThrow(ParseError)
  })
})
