// Needs pcscd with vsmartcard-vpcd — outside the repo: the pcsc project's global setup starts it
// (tests/setup/pcsc-services.ts). Our virtual CCCD goes into the second vpcd reader.
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runKioskBin } from '../../electron/cli/run-bin'
import { requirePcscd, tempKioskConfig } from '../../electron/core/test-support'
import { ApduChannel } from '../../drivers/smartcard/iso7816/apdu-channel'
import { openPcscService, type PcscService } from '../../drivers/smartcard/pcsc/pcsc-service'
import { createTrustStore, withAnchors } from '../../drivers/smartcard/pki/trust-store'
import { CountingLink } from '../../drivers/smartcard/reader/counting-link'
import { documentBudget } from '../../drivers/smartcard/reader/read-budget'
import { readDocument } from '../../drivers/smartcard/reader/read-document'
import { simulatedCardFacts } from '../../drivers/smartcard/sim/cccd/card-facts'
import { createSimulatedCccd, type SimulatedCccd } from '../../drivers/smartcard/sim/cccd/scenarios'
import { SimulatedLink } from '../../drivers/smartcard/sim/simulated-link'
import { attachToVpcd, type VpcdAttachment } from '../../drivers/smartcard/sim/vpcd-client'
import { VPCD_PORT } from '../../drivers/smartcard/sim/vpcd-protocol'
import type { CardLink } from '../../drivers/smartcard/iso7816/apdu'

const OUR_READER = 'Virtual PCD 00 01'
const now = () => new Date('2026-11-26T10:00:00Z')
const random = (n: number) => new Uint8Array(randomBytes(n))
const temp = tempKioskConfig()

let sim: SimulatedCccd
let service: PcscService | undefined
let attachment: VpcdAttachment | undefined

/** The same card model in this process (its own chip, so the one in the reader is left alone). */
function inProcessTwin(): SimulatedLink & { sim: SimulatedCccd } {
  const twin = createSimulatedCccd({ citizen: 'pcsc-minimum', pki: sim.pki, now })
  return Object.assign(new SimulatedLink(twin.card), { sim: twin })
}

/** A read without any length flag over `link`: what it sent and the fewest it could have. */
async function countedRead(link: CardLink, card: SimulatedCccd = sim) {
  const counting = new CountingLink(link)
  const trust = withAnchors(createTrustStore([]), [card.pki.csca.certificateDer], 'test CSCA')
  const read = await readDocument(new ApduChannel(counting), {
    key: card.content.accessKeys.can,
    trust,
    randomBytes: random,
    now,
  })
  const budget = documentBudget(read, simulatedCardFacts(card))
  return {
    read,
    apdus: counting.counts.apdus,
    readBinaries: counting.readBinaries,
    minimumReadBinaries: budget.readBinaries + budget.probes,
  }
}

beforeAll(async () => {
  requirePcscd()
  sim = createSimulatedCccd({ citizen: 'pcsc-minimum', now })
  service = await openPcscService()
  await service.waitForReader(OUR_READER, 5000)
  await service.waitForRemoval(OUR_READER, 5000)
  attachment = await attachToVpcd(sim.card, { port: VPCD_PORT.second })
  await service.waitForCard(OUR_READER, 5000)
})

afterAll(async () => {
  await attachment?.close()
  await service?.close()
  temp.cleanup()
})

describe('the default virtual CCCD through pcscd, no length flag', () => {
  it('is read with the fewest READ BINARY its advertised lengths allow, the same APDUs as in-process', async () => {
    const twin = inProcessTwin()
    const reference = await countedRead(twin, twin.sim)
    const link = await service!.connect(OUR_READER)
    try {
      // vpcd's driver keeps no part 10 feature list: the card's own lengths stand.
      expect(await link.readerLimit()).toMatchObject({ reported: false, reason: 'control-refused' })
      const throughPcscd = await countedRead(link)
      expect(throughPcscd.read.lengths).toMatchObject({
        source: 'ef-atr-info',
        maxResponseData: 65536,
      })
      expect(throughPcscd.read.passiveAuth.verdict).toBe('valid')
      expect(throughPcscd.readBinaries).toBe(throughPcscd.minimumReadBinaries)
      // The fixed protocol steps (SELECT, PACE, CA, AA) are those of the in-process read.
      expect(throughPcscd.apdus - throughPcscd.readBinaries).toBe(
        reference.apdus - reference.readBinaries,
      )
    } finally {
      // Reset, as a new card would be: the next read starts in the MF with no session.
      await link.disconnect({ disposition: 'reset' })
    }
  })

  it('`kiosk card read` sends the minimum plus the fixed steps', async () => {
    const twin = inProcessTwin()
    const reference = await countedRead(twin, twin.sim)
    expect(reference.read.lengths).toMatchObject({ source: 'ef-atr-info', maxResponseData: 65536 })
    expect(reference.readBinaries).toBe(reference.minimumReadBinaries)
    const can = sim.content.accessKeys.can
    if (can.kind !== 'CAN') throw new Error('the virtual CCCD has a CAN')
    const result = await runKioskBin([
      'card',
      'read',
      '--devices',
      'real',
      '--reader',
      OUR_READER,
      '--can',
      can.can,
      '--json',
      '--data-dir',
      temp.config.dataDir,
    ])
    expect(result.code, result.stderr).toBe(0)
    const summary = JSON.parse(result.stdout) as {
      apdus: number
      access: string
      lengths: { source: string; extended: boolean; reader: { reported: boolean } }
    }
    expect(summary.access).toBe('PACE')
    expect(summary.lengths).toMatchObject({
      source: 'ef-atr-info',
      extended: true,
      reader: { reported: false },
    })
    expect(summary.apdus).toBe(reference.apdus)
  })
})
