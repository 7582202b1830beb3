import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { HistoricalCapabilities } from './card-capabilities'
import { decideLengthLimits, type LengthEvidence } from './length-limits'

const HISTORICAL_EXTENDED: HistoricalCapabilities = {
  commandChaining: false,
  extendedLength: true,
  extendedLengthInfo: true,
}
const HISTORICAL_SHORT: HistoricalCapabilities = { ...HISTORICAL_EXTENDED, extendedLength: false }
const NOTHING: LengthEvidence = { extendedLengthInfo: null, historical: null, readerMaxData: null }

describe('decideLengthLimits: which source the card speaks through', () => {
  it("takes EF.ATR/INFO's byte counts first, header and status word taken out", () => {
    const limits = decideLengthLimits({
      ...NOTHING,
      extendedLengthInfo: { maxCommandBytes: 1033, maxResponseBytes: 4098 },
      historical: HISTORICAL_EXTENDED,
    })
    expect(limits).toEqual({
      extended: true,
      maxCommandData: 1024,
      maxResponseData: 4096,
      source: 'ef-atr-info',
      readerLimited: false,
    })
  })

  it('lets EF.ATR/INFO overrule historical bytes that claim no extended length', () => {
    const limits = decideLengthLimits({
      ...NOTHING,
      extendedLengthInfo: { maxCommandBytes: 300, maxResponseBytes: 2050 },
      historical: HISTORICAL_SHORT,
    })
    expect(limits).toMatchObject({ extended: true, maxResponseData: 2048, source: 'ef-atr-info' })
  })

  it('keeps short length when EF.ATR/INFO counts no more than a short APDU carries', () => {
    const limits = decideLengthLimits({
      ...NOTHING,
      extendedLengthInfo: { maxCommandBytes: 261, maxResponseBytes: 258 },
      historical: HISTORICAL_EXTENDED,
    })
    expect(limits).toMatchObject({
      extended: false,
      maxCommandData: 255,
      maxResponseData: 256,
      source: 'ef-atr-info',
    })
  })

  it('falls to the historical bytes without EF.ATR/INFO: any extended length', () => {
    expect(decideLengthLimits({ ...NOTHING, historical: HISTORICAL_EXTENDED })).toEqual({
      extended: true,
      maxCommandData: 65535,
      maxResponseData: 65536,
      source: 'historical-bytes',
      readerLimited: false,
    })
  })

  it('uses short length when the card says nothing, or says it has no extended length', () => {
    for (const evidence of [NOTHING, { ...NOTHING, historical: HISTORICAL_SHORT }]) {
      expect(decideLengthLimits(evidence)).toMatchObject({
        extended: false,
        maxResponseData: 256,
        source: 'short-default',
        readerLimited: false,
      })
    }
  })
})

describe('decideLengthLimits: the reader bounds what the card allows', () => {
  it("lowers the card's limits to the reader's dwMaxAPDUDataSize and says so", () => {
    const limits = decideLengthLimits({
      ...NOTHING,
      historical: HISTORICAL_EXTENDED,
      readerMaxData: 2048,
    })
    expect(limits).toEqual({
      extended: true,
      maxCommandData: 2048,
      maxResponseData: 2048,
      source: 'historical-bytes',
      readerLimited: true,
    })
  })

  it('goes short on a reader that reports 0 (short APDUs only)', () => {
    const limits = decideLengthLimits({
      ...NOTHING,
      extendedLengthInfo: { maxCommandBytes: 4096, maxResponseBytes: 4096 },
      readerMaxData: 0,
    })
    expect(limits).toMatchObject({ extended: false, source: 'ef-atr-info', readerLimited: true })
  })

  it('leaves the card alone when the reader carries more, or reports nothing', () => {
    const card = {
      ...NOTHING,
      extendedLengthInfo: { maxCommandBytes: 1033, maxResponseBytes: 4098 },
    }
    expect(decideLengthLimits({ ...card, readerMaxData: 65544 }).readerLimited).toBe(false)
    expect(decideLengthLimits({ ...card, readerMaxData: null })).toEqual(decideLengthLimits(card))
  })

  it('never allows more than the card or the reader, and extended only when one asks it (property)', () => {
    const evidence = fc.record({
      extendedLengthInfo: fc.option(
        fc.record({
          maxCommandBytes: fc.integer({ min: 0, max: 70_000 }),
          maxResponseBytes: fc.integer({ min: 0, max: 70_000 }),
        }),
      ),
      historical: fc.option(
        fc.record({
          commandChaining: fc.boolean(),
          extendedLength: fc.boolean(),
          extendedLengthInfo: fc.boolean(),
        }),
      ),
      readerMaxData: fc.option(fc.integer({ min: 0, max: 70_000 })),
    })
    fc.assert(
      fc.property(evidence, (given) => {
        const limits = decideLengthLimits(given)
        expect(limits.maxResponseData).toBeGreaterThanOrEqual(256)
        expect(limits.maxCommandData).toBeGreaterThanOrEqual(255)
        if (!limits.extended) expect(limits.maxResponseData).toBe(256)
        if (limits.extended && given.readerMaxData !== null) {
          expect(limits.maxResponseData).toBeLessThanOrEqual(given.readerMaxData)
        }
        const info = given.extendedLengthInfo
        if (info) {
          expect(limits.source).toBe('ef-atr-info')
          expect(limits.maxResponseData).toBeLessThanOrEqual(
            Math.max(256, info.maxResponseBytes - 2),
          )
        } else if (given.historical?.extendedLength) {
          expect(limits.source).toBe('historical-bytes')
        } else {
          expect(limits).toMatchObject({ extended: false, source: 'short-default' })
        }
      }),
    )
  })
})
