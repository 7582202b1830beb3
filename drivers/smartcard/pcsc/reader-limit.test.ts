import { describe, expect, it } from 'vitest'
import { tlv } from '../../../lib/asn1/tlv'
import { ApduChannel } from '../iso7816/apdu-channel'
import { CardFileSystem } from '../sim/file-system'
import { IsoCard } from '../sim/iso-card'
import type { PcscBinding } from './binding'
import { openPcscService } from './pcsc-service'
import {
  FEATURE_GET_TLV_PROPERTIES,
  GET_FEATURE_REQUEST_IOCTL,
  buildFeatureList,
  buildReaderProperties,
  unixControlCode,
} from './reader-features'
import { queryReaderLimit, type ReaderControl } from './reader-limit'
import { FakeContext, FakeReader } from './test-support'

const FEATURES_CODE = unixControlCode(GET_FEATURE_REQUEST_IOCTL)
const PROPERTIES_CODE = 0x42330012

/** A driver answering the two part 10 requests from a table, recording what it was asked. */
function driver(answers: Map<number, Uint8Array>): { control: ReaderControl; asked: number[] } {
  const asked: number[] = []
  return {
    asked,
    control: async (code) => {
      asked.push(code)
      const answer = answers.get(code)
      if (!answer) throw new Error('SCardControl error: Transaction failed.(0x80100016)')
      return answer
    },
  }
}

function reporting(maxApduDataSize: number | undefined): Map<number, Uint8Array> {
  return new Map([
    [FEATURES_CODE, buildFeatureList([{ tag: FEATURE_GET_TLV_PROPERTIES, code: PROPERTIES_CODE }])],
    [
      PROPERTIES_CODE,
      buildReaderProperties({
        idVendor: 0x072f,
        ...(maxApduDataSize === undefined ? {} : { maxApduDataSize }),
      }),
    ],
  ])
}

describe('queryReaderLimit', () => {
  it('asks for the feature list, then the TLV properties at the code the list gives', async () => {
    const { control, asked } = driver(reporting(1024))
    expect(await queryReaderLimit(control, unixControlCode)).toEqual({
      reported: true,
      maxApduData: 1024,
    })
    expect(asked).toEqual([0x42000d48, PROPERTIES_CODE])
  })

  it('passes on 0, the reader of short APDUs only', async () => {
    expect(await queryReaderLimit(driver(reporting(0)).control, unixControlCode)).toEqual({
      reported: true,
      maxApduData: 0,
    })
  })

  it('says why when the reader says nothing, and never throws', async () => {
    const reason = async (control: ReaderControl | null) =>
      ((await queryReaderLimit(control, unixControlCode)) as { reason: string }).reason
    expect(await reason(null)).toBe('no-control')
    expect(await reason(driver(new Map()).control)).toBe('control-refused')
    expect(await reason(driver(new Map([[FEATURES_CODE, new Uint8Array(0)]])).control)).toBe(
      'no-tlv-properties',
    )
    expect(await reason(driver(reporting(undefined)).control)).toBe('no-max-apdu-size')
    const broken = new Map([[FEATURES_CODE, Uint8Array.of(0x12, 0x03, 1, 2, 3)]])
    expect(await reason(driver(broken).control)).toBe('malformed')
    const lost = reporting(1024)
    lost.delete(PROPERTIES_CODE)
    expect(await reason(driver(lost).control)).toBe('control-refused')
  })
})

async function connectedLink(reader: FakeReader) {
  const context = new FakeContext()
  const binding: PcscBinding = () => context
  const service = await openPcscService({
    loadBinding: async () => binding,
    platform: 'test' as NodeJS.Platform,
  })
  context.plug(reader)
  const file = tlv(0x75, new Uint8Array(600).fill(7))
  reader.insert(
    new IsoCard({ files: new CardFileSystem({ masterFiles: [{ fid: 0x0102, data: file }] }) }),
  )
  return { service, link: await service.connect(reader.name) }
}

describe('PcscCardLink.readerMaxApduData', () => {
  it("gives the reader's dwMaxAPDUDataSize through SCardControl, asked once per link", async () => {
    const reader = new FakeReader('Reader A')
    reader.controlAnswers = reporting(2048)
    const { service, link } = await connectedLink(reader)
    expect(await link.readerMaxApduData()).toBe(2048)
    expect(await link.readerMaxApduData()).toBe(2048)
    expect(reader.controlCalls).toEqual([0x42000d48, PROPERTIES_CODE])
    await service.close()
  })

  it('is null with the reason kept when the driver refuses, and the card still answers', async () => {
    const reader = new FakeReader('Reader A')
    reader.controlAnswers = new Map()
    const { service, link } = await connectedLink(reader)
    expect(await link.readerMaxApduData()).toBeNull()
    expect(await link.readerLimit()).toMatchObject({ reported: false, reason: 'control-refused' })
    const channel = new ApduChannel(link)
    expect(
      (await channel.transmit({ cla: 0, ins: 0xa4, p1: 0, p2: 0x0c, data: Uint8Array.of(1, 2) }))
        .sw,
    ).toBe(0x9000)
    await service.close()
  })

  it('is null on a binding without SCardControl', async () => {
    const { service, link } = await connectedLink(new FakeReader('Reader A'))
    expect(await link.readerLimit()).toEqual({ reported: false, reason: 'no-control' })
    await service.close()
  })

  it('reaches the channel negotiation the length plan consults (0: short APDUs only)', async () => {
    const reader = new FakeReader('Reader A')
    reader.controlAnswers = reporting(0)
    const { service, link } = await connectedLink(reader)
    const channel = new ApduChannel(link)
    expect(await channel.negotiation?.readerMaxApduData()).toBe(0)
    await service.close()
  })
})
