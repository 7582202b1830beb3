import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pcscdSocketPath } from './pcscd-socket'
import { tlv } from '../../../lib/asn1/tlv'
import { bytesEqual, fromHex } from '../../../lib/bytes'
import { ApduChannel } from '../iso7816/apdu-channel'
import { selectApplication } from '../iso7816/commands'
import { CardRemovedError } from '../iso7816/errors'
import { readFile } from '../iso7816/read-file'
import { FaultyCard } from '../sim/faults'
import { CardFileSystem } from '../sim/file-system'
import { IsoCard } from '../sim/iso-card'
import { attachToVpcd } from '../sim/vpcd-client'
import { VPCD_PORT } from '../sim/vpcd-protocol'
import { openPcscService, type PcscEvents, type PcscService } from './pcsc-service'

/**
 * Through the real pcscd: our VirtualCard goes into the second vpcd reader (port 35964) and is
 * read back with the PC/SC service, as a kiosk would read a chip. The first reader holds vicc's
 * ePassport, started by tests/setup/pcsc-services.ts.
 */
const VICC_READER = 'Virtual PCD 00 00'
const OUR_READER = 'Virtual PCD 00 01'
/** The ATR vicc gives every emulated card (vsmartcard's ISO 7816 default). */
const VICC_ATR = fromHex('3B951381018073FF01000B')
const EMRTD_AID = fromHex('A0000002471001')
const DG2 = 0x0102
const FILE_20K = tlv(
  0x75,
  Uint8Array.from({ length: 20_000 }, (_, i) => (i * 31 + (i >> 8)) & 0xff),
)

function plainCard(): FaultyCard {
  return new FaultyCard(
    new IsoCard({
      files: new CardFileSystem({
        applications: [{ aid: EMRTD_AID, files: [{ fid: DG2, sfi: 0x02, data: FILE_20K }] }],
      }),
    }),
  )
}

function nextEvent<K extends 'card-inserted' | 'card-removed'>(
  service: PcscService,
  event: K,
  reader: string,
  timeoutMs = 5000,
  accept: (payload: PcscEvents[K]) => boolean = () => true,
): Promise<PcscEvents[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off()
      reject(new Error(`no ${event} on ${reader} within ${timeoutMs} ms`))
    }, timeoutMs)
    const off = service.on(event, (payload) => {
      if (payload.reader !== reader || !accept(payload)) return
      clearTimeout(timer)
      off()
      resolve(payload)
    })
  })
}

let service: PcscService | undefined

beforeAll(async () => {
  if (!existsSync(pcscdSocketPath())) {
    throw new Error(
      'pcscd is not running: the pcsc project starts it (tests/setup/pcsc-services.ts); run this file with --project pcsc',
    )
  }
  service = await openPcscService()
  await service.waitForReader(OUR_READER, 5000)
})

afterAll(async () => {
  // The binding's watcher threads keep the process alive until closed.
  await service?.close()
})

describe('PC/SC through pcscd and vpcd', () => {
  it('lists the vicc ePassport with its ATR', async () => {
    expect(await service!.waitForCard(VICC_READER, 5000)).toEqual(VICC_ATR)
    expect(service!.readers().map((r) => r.name)).toEqual(
      expect.arrayContaining([VICC_READER, OUR_READER]),
    )
  })

  it('sees our card arrive, reads 20 KB back byte-exact, and sees it leave', async () => {
    const pcsc = service!
    await pcsc.waitForRemoval(OUR_READER, 5000)
    const card = plainCard()
    // The previous test file's virtual CCCD may still show in this slot for a moment after it
    // left (vpcd notices on its next poll): wait for our card's ATR, not just any insertion.
    const ours = (event: { atr: Uint8Array }) =>
      Buffer.from(event.atr).equals(Buffer.from(card.atr))
    const inserted = nextEvent(pcsc, 'card-inserted', OUR_READER, 15_000, ours)
    const attachment = await attachToVpcd(card, { port: VPCD_PORT.second })
    try {
      expect((await inserted).atr).toEqual(card.atr)
      const link = await pcsc.connect(OUR_READER)
      expect(['T0', 'T1']).toContain(link.protocol)

      const channel = new ApduChannel(link)
      await selectApplication(channel, EMRTD_AID)
      const progress: number[] = []
      const data = await readFile(channel, DG2, { onProgress: (n) => progress.push(n) })
      expect(bytesEqual(data, FILE_20K)).toBe(true)
      expect(progress.at(-1)).toBe(FILE_20K.length)
      expect(progress.length).toBe(1 + Math.ceil(20_000 / 0xdf))

      const extended = new ApduChannel(link, { extendedLength: true })
      expect(bytesEqual(await readFile(extended, DG2), FILE_20K)).toBe(true)

      const removed = nextEvent(pcsc, 'card-removed', OUR_READER)
      await attachment.close()
      await removed
      const after = await link.transmit(fromHex('00A4000C')).catch((e) => e)
      expect(after).toBeInstanceOf(CardRemovedError)
      await link.disconnect()
    } finally {
      await attachment.close()
    }
  })

  it('turns a card pulled out mid-file into CardRemovedError', async () => {
    const pcsc = service!
    await pcsc.waitForRemoval(OUR_READER, 5000)
    const card = plainCard()
    // The previous test file's virtual CCCD may still show in this slot for a moment after it
    // left (vpcd notices on its next poll): wait for our card's ATR, not just any insertion.
    const ours = (event: { atr: Uint8Array }) =>
      Buffer.from(event.atr).equals(Buffer.from(card.atr))
    const inserted = nextEvent(pcsc, 'card-inserted', OUR_READER, 15_000, ours)
    const attachment = await attachToVpcd(card, { port: VPCD_PORT.second })
    try {
      await inserted
      const link = await pcsc.connect(OUR_READER)
      const channel = new ApduChannel(link)
      await selectApplication(channel, EMRTD_AID)
      card.arm({ removeAfterFileBytes: { fid: DG2, bytes: 2000 } })
      let read = 0
      const error = await readFile(channel, DG2, { onProgress: (n) => (read = n) }).catch((e) => e)
      expect(error).toBeInstanceOf(CardRemovedError)
      expect(read).toBeGreaterThan(1500)
      expect(read).toBeLessThanOrEqual(2000)
      expect((await attachment.closed).reason).toBe('card-removed')
      await link.disconnect()
    } finally {
      await attachment.close()
    }
  })
})
