import { describe, expect, it } from 'vitest'
import { tlv } from '../../../lib/asn1/tlv'
import { SecureMessagingError } from '../icao9303/errors'
import { ApduChannel } from '../iso7816/apdu-channel'
import {
  buildEfAtrInfo,
  buildHistoricalBytes,
  EF_ATR_INFO_FID,
  type ExtendedLengthInfo,
  type HistoricalCapabilities,
} from '../iso7816/card-capabilities'
import { readFile } from '../iso7816/read-file'
import { StatusWordError } from '../iso7816/status-words'
import { contactlessAtr } from '../sim/atr'
import { CardFileSystem, type ElementaryFile } from '../sim/file-system'
import { IsoCard } from '../sim/iso-card'
import { SimulatedLink } from '../sim/simulated-link'
import { createLengthMemory, isLengthRefusal, LengthPlan } from './length-plan'

const EXTENDED_WITH_INFO: HistoricalCapabilities = {
  commandChaining: false,
  extendedLength: true,
  extendedLengthInfo: true,
}
const EXTENDED_ONLY: HistoricalCapabilities = { ...EXTENDED_WITH_INFO, extendedLengthInfo: false }
const INFO_4K: ExtendedLengthInfo = { maxCommandBytes: 1033, maxResponseBytes: 4098 }
/** A 3000-byte file in the MF, the size of a large EF.CardAccess. */
const DATA_FID = 0x011c
const DATA = tlv(0x31, new Uint8Array(2996).fill(0x5a))

interface CardSpec {
  /** null: proprietary historical bytes, no card capabilities. */
  historical: HistoricalCapabilities | null
  efAtrInfo?: ExtendedLengthInfo
  /** What the card really takes; false answers 6700 to any extended APDU. */
  acceptsExtended: boolean
  readerMaxApduData?: number
}

function cardLink(spec: CardSpec): SimulatedLink {
  const historical = spec.historical
    ? buildHistoricalBytes(spec.historical)
    : new TextEncoder().encode('proprietary')
  const masterFiles: ElementaryFile[] = [{ fid: DATA_FID, data: DATA }]
  if (spec.efAtrInfo)
    masterFiles.push({ fid: EF_ATR_INFO_FID, data: buildEfAtrInfo(spec.efAtrInfo) })
  const card = new IsoCard({
    atr: contactlessAtr(historical),
    extendedLength: spec.acceptsExtended,
    files: new CardFileSystem({ masterFiles }),
  })
  return new SimulatedLink(
    card,
    spec.readerMaxApduData !== undefined ? { readerMaxApduData: spec.readerMaxApduData } : {},
  )
}

/** readFile of DATA under the plan, with the fallback as the reader does it. */
async function readUnderPlan(channel: ApduChannel, plan: LengthPlan): Promise<Uint8Array> {
  for (;;) {
    try {
      const bytes = await readFile(channel, DATA_FID, { maxChunk: plan.readBlock() })
      plan.confirm()
      return bytes
    } catch (error) {
      if (!plan.fallBackOn(error)) throw error
    }
  }
}

describe('LengthPlan.negotiate: the capability source, in order', () => {
  it('uses EF.ATR/INFO when the historical bytes point to it', async () => {
    const link = cardLink({
      historical: EXTENDED_WITH_INFO,
      efAtrInfo: INFO_4K,
      acceptsExtended: true,
    })
    const plan = await LengthPlan.negotiate(new ApduChannel(link))
    expect(plan.limits).toMatchObject({
      source: 'ef-atr-info',
      extended: true,
      maxResponseData: 4096,
    })
    // SELECT 2F01 and one READ BINARY of it.
    expect(link.stats.apdus).toBe(2)
  })

  it('reads EF.ATR/INFO when the ATR carries no card capabilities at all', async () => {
    const link = cardLink({ historical: null, efAtrInfo: INFO_4K, acceptsExtended: true })
    const plan = await LengthPlan.negotiate(new ApduChannel(link))
    expect(plan.limits.source).toBe('ef-atr-info')
  })

  it('takes the historical bytes alone, without asking for EF.ATR/INFO, when they say it is absent', async () => {
    const link = cardLink({ historical: EXTENDED_ONLY, acceptsExtended: true })
    const plan = await LengthPlan.negotiate(new ApduChannel(link))
    expect(plan.limits).toMatchObject({ source: 'historical-bytes', maxResponseData: 65536 })
    expect(link.stats.apdus).toBe(0)
  })

  it('falls to the historical bytes when EF.ATR/INFO is announced but missing', async () => {
    const link = cardLink({ historical: EXTENDED_WITH_INFO, acceptsExtended: true })
    const plan = await LengthPlan.negotiate(new ApduChannel(link))
    expect(plan.limits.source).toBe('historical-bytes')
  })

  it('stays short when the card says nothing about extended length', async () => {
    const link = cardLink({ historical: null, acceptsExtended: true })
    const plan = await LengthPlan.negotiate(new ApduChannel(link))
    expect(plan.limits).toMatchObject({ source: 'short-default', extended: false })
    expect(plan.readBlock()).toBe(0xdf)
  })

  it("bounds the card's limits by the reader's own", async () => {
    const link = cardLink({
      historical: EXTENDED_ONLY,
      acceptsExtended: true,
      readerMaxApduData: 1024,
    })
    const plan = await LengthPlan.negotiate(new ApduChannel(link))
    expect(plan.limits).toMatchObject({ maxResponseData: 1024, readerLimited: true })
  })

  it('leaves a channel whose maker fixed its length as it is', async () => {
    const link = cardLink({ historical: EXTENDED_ONLY, acceptsExtended: true })
    const plan = await LengthPlan.negotiate(new ApduChannel(link, { extendedLength: false }))
    expect(plan.limits).toMatchObject({ source: 'caller', extended: false })
    expect(plan.fallBackOn(new StatusWordError(0x6700))).toBe(false)
  })

  it('sizes blocks under secure messaging to fit the negotiated maximum', async () => {
    const link = cardLink({
      historical: EXTENDED_WITH_INFO,
      efAtrInfo: INFO_4K,
      acceptsExtended: true,
    })
    const plan = await LengthPlan.negotiate(new ApduChannel(link))
    expect(plan.readBlock()).toBe(4096)
    // 4096 - DO'87' header (4) - padding indicator (1) - DO'99' (4) - DO'8E' (10), to the block.
    expect(plan.readBlock(16)).toBe(4063)
    expect(plan.readBlock(8)).toBe(4071)
  })
})

describe('LengthPlan: the short-length fallback', () => {
  it('reads the whole file once it falls back from a refused first extended READ BINARY', async () => {
    const link = cardLink({
      historical: EXTENDED_WITH_INFO,
      efAtrInfo: INFO_4K,
      acceptsExtended: false,
    })
    const channel = new ApduChannel(link)
    const plan = await LengthPlan.negotiate(channel)
    expect(plan.limits.extended).toBe(true)
    expect(await readUnderPlan(channel, plan)).toEqual(DATA)
    expect(plan.limits).toMatchObject({ source: 'fallback', extended: false })
    expect(channel.extendedLength).toBe(false)
  })

  it('remembers the card: its next read starts short and sends no extended APDU', async () => {
    const memory = createLengthMemory()
    const spec: CardSpec = {
      historical: EXTENDED_WITH_INFO,
      efAtrInfo: INFO_4K,
      acceptsExtended: false,
    }
    const first = new ApduChannel(cardLink(spec))
    await readUnderPlan(first, await LengthPlan.negotiate(first, memory))

    const link = cardLink(spec)
    const second = new ApduChannel(link)
    const plan = await LengthPlan.negotiate(second, memory)
    expect(plan.limits.source).toBe('fallback')
    const before = link.stats.apdus
    await readUnderPlan(second, plan)
    // SELECT, the header, then blocks of 223: no refused attempt.
    expect(link.stats.apdus - before).toBe(2 + Math.ceil((DATA.length - 4) / 0xdf))
  })

  it('does not remember a different card model', async () => {
    const memory = createLengthMemory()
    const refusing: CardSpec = {
      historical: EXTENDED_WITH_INFO,
      efAtrInfo: INFO_4K,
      acceptsExtended: false,
    }
    const first = new ApduChannel(cardLink(refusing))
    await readUnderPlan(first, await LengthPlan.negotiate(first, memory))
    const other = new ApduChannel(
      cardLink({ ...refusing, efAtrInfo: { maxCommandBytes: 2048, maxResponseBytes: 2048 } }),
    )
    expect((await LengthPlan.negotiate(other, memory)).limits.source).toBe('ef-atr-info')
  })

  it('falls back on 6700, 6Cxx, 6Fxx and a secure messaging failure, not on other status words', async () => {
    for (const refusal of [
      new StatusWordError(0x6700),
      new StatusWordError(0x6c10),
      new StatusWordError(0x6f00),
      new SecureMessagingError('CARD_SM_ERROR', 0x6987),
    ]) {
      expect(isLengthRefusal(refusal)).toBe(true)
      const link = cardLink({ historical: EXTENDED_ONLY, acceptsExtended: true })
      const plan = await LengthPlan.negotiate(new ApduChannel(link))
      expect(plan.fallBackOn(refusal)).toBe(true)
      expect(plan.limits.source).toBe('fallback')
    }
    for (const other of [
      new StatusWordError(0x6a82),
      new StatusWordError(0x6982),
      new Error('x'),
    ]) {
      expect(isLengthRefusal(other)).toBe(false)
    }
  })

  it('falls back only on the first extended READ BINARY: after one went through, errors are errors', async () => {
    const link = cardLink({ historical: EXTENDED_ONLY, acceptsExtended: true })
    const plan = await LengthPlan.negotiate(new ApduChannel(link))
    plan.confirm()
    expect(plan.fallBackOn(new StatusWordError(0x6700))).toBe(false)
    expect(plan.limits.source).toBe('historical-bytes')
  })

  it('has nothing to fall back from on a short channel', async () => {
    const link = cardLink({ historical: null, acceptsExtended: true })
    const plan = await LengthPlan.negotiate(new ApduChannel(link))
    expect(plan.fallBackOn(new StatusWordError(0x6700))).toBe(false)
  })
})

describe('createLengthMemory', () => {
  it('keeps the last cards up to its capacity', () => {
    const memory = createLengthMemory(2)
    const limits = {
      extended: false,
      maxCommandData: 255,
      maxResponseData: 256,
      source: 'fallback',
      readerLimited: false,
    } as const
    memory.set('a', limits)
    memory.set('b', limits)
    memory.set('c', limits)
    expect(memory.get('a')).toBeUndefined()
    expect(memory.get('c')).toEqual(limits)
  })
})
