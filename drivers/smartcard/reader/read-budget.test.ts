import { describe, expect, it } from 'vitest'
import { readBinaryCount, readBlockSize, readBudget } from './read-budget'

describe('readBinaryCount', () => {
  it('is ceil(size / block) while offsets fit INS B0', () => {
    expect(readBinaryCount(20_004, 223)).toBe(Math.ceil(20_004 / 223))
    expect(readBinaryCount(20_004, 4063)).toBe(5)
    expect(readBinaryCount(100, 65_000)).toBe(1)
  })

  it('costs one READ BINARY for an empty or absent file (the answer says so)', () => {
    expect(readBinaryCount(0, 256)).toBe(1)
  })

  it("takes DO'53' off each block read past offset 7FFF with INS B1", () => {
    // 0x8000 bytes in two blocks of 0x4000 reach 7FFF; the rest goes in blocks of 0x3FFC.
    expect(readBinaryCount(0x8000 + 0x3ffc, 0x4000)).toBe(3)
    expect(readBinaryCount(0x8000 + 0x3ffd, 0x4000)).toBe(4)
  })

  it('adds the 4-byte header read at short length', () => {
    expect(readBinaryCount(20_004, 223, true)).toBe(1 + Math.ceil(20_000 / 223))
    expect(readBinaryCount(3, 223, true)).toBe(1)
  })

  it('refuses a block of no bytes', () => {
    expect(() => readBinaryCount(10, 0)).toThrow(RangeError)
  })
})

describe('readBudget', () => {
  it('sizes plain files by the response limit and protected ones by what fits once wrapped', () => {
    const budget = readBudget(
      [
        { name: 'EF.CardAccess', size: 300, secureMessaging: false },
        { name: 'DG2', size: 20_004, secureMessaging: true },
      ],
      { extended: true, maxResponseData: 4096 },
      16,
    )
    expect(budget).toMatchObject({ plainBlock: 4096, protectedBlock: 4063, readBinaries: 1 + 5 })
  })
})

describe('readBlockSize', () => {
  it('fills an extended answer, in plain and once wrapped under secure messaging', () => {
    const limits = { extended: true, maxResponseData: 4096 }
    expect(readBlockSize(limits)).toBe(4096)
    expect(readBlockSize(limits, 16)).toBe(4063)
    expect(readBlockSize(limits, 8)).toBe(4071)
  })

  it('keeps the 0xDF block at short length, whatever the cipher', () => {
    const short = { extended: false, maxResponseData: 256 }
    expect(readBlockSize(short)).toBe(0xdf)
    expect(readBlockSize(short, 8)).toBe(0xdf)
    expect(readBlockSize(short, 16)).toBe(0xdf)
  })
})
