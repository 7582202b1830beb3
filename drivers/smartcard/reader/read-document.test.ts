import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { AccessDeniedError } from '../icao9303/errors'
import { ApduChannel } from '../iso7816/apdu-channel'
import { CardRemovedError } from '../iso7816/errors'
import { createTrustStore, withAnchors } from '../pki/trust-store'
import { createSimulatedCccd, type ScenarioName } from '../sim/cccd/scenarios'
import { SimulatedLink } from '../sim/simulated-link'
import type { AccessKey } from '../icao9303/access-key'
import { readDocument } from './read-document'

const now = () => new Date('2026-11-26T10:00:00Z')
const random = (n: number) => new Uint8Array(randomBytes(n))

function setup(scenario: ScenarioName = 'default', seed = 'reader-test') {
  const sim = createSimulatedCccd({ scenario, citizen: seed, now })
  const trust = withAnchors(createTrustStore([]), [sim.pki.csca.certificateDer], 'test CSCA')
  const link = new SimulatedLink(sim.card)
  const channel = new ApduChannel(link)
  const read = (key: AccessKey = sim.content.accessKeys.can) =>
    readDocument(channel, { key, trust, randomBytes: random, now })
  return { sim, read, link }
}

describe('readDocument against the virtual CCCD', () => {
  it('opens the chip with PACE (CAN), reads every file and verifies it', async () => {
    const { sim, read } = setup()
    const result = await read()
    expect(result.access).toBe('PACE')
    expect(result.dataGroups).toEqual([1, 2, 13, 14, 15])
    expect(result.mrz?.documentNumber).toBe(sim.citizen.idNumber.slice(3))
    expect(result.mrz?.valid).toBe(true)
    expect(result.dg13?.idNumber).toBe(sim.citizen.idNumber)
    expect(result.dg13?.fullName).toBe(sim.citizen.fullName)
    expect(result.dg13?.fatherName).toBe(sim.citizen.fatherName)
    expect(result.face?.format).toBe('jpeg')
    expect(result.face?.image.length).toBe(sim.profile.faceBytes)
    expect(result.passiveAuth.verdict).toBe('valid')
    expect(result.chipAuth.verdict).toBe('passed')
    expect(result.activeAuth.verdict).toBe('passed')
    expect(result.problems).toEqual([])
  })

  it('uses BAC with the MRZ key when the chip has no EF.CardAccess', async () => {
    const { sim, read } = setup('bac-only')
    const result = await read(sim.content.accessKeys.mrz)
    expect(result.access).toBe('BAC')
    expect(result.passiveAuth.verdict).toBe('valid')
  })

  it('refuses a CAN on a BAC-only chip as access denied', async () => {
    const { read } = setup('bac-only')
    await expect(read()).rejects.toBeInstanceOf(AccessDeniedError)
  })

  it.each(['pace-p256-aes256', 'pace-3des', 'rsa-aa', 'short-length-only'] as const)(
    'reads the %s chip with every verdict positive',
    async (scenario) => {
      const { read } = setup(scenario)
      const result = await read()
      expect(result.passiveAuth.verdict).toBe('valid')
      expect(result.chipAuth.verdict).toBe('passed')
      expect(result.activeAuth.verdict).toBe('passed')
    },
  )

  it('says access denied for a wrong CAN and a wrong MRZ', async () => {
    const { sim, read } = setup()
    await expect(read({ kind: 'CAN', can: '000000' })).rejects.toBeInstanceOf(AccessDeniedError)
    const wrongMrz = { ...sim.content.accessKeys.mrz, dateOfBirth: '010101' }
    await expect(read(wrongMrz)).rejects.toBeInstanceOf(AccessDeniedError)
  })

  it('names the DG whose hash no longer matches EF.SOD', async () => {
    const { read } = setup('tampered-dg2')
    const result = await read()
    expect(result.passiveAuth.verdict).toBe('invalid')
    expect(result.passiveAuth.checks.dataGroupHashes).toContainEqual({
      number: 2,
      status: 'mismatch',
    })
  })

  it('says untrusted when EF.SOD comes from an unknown CSCA', async () => {
    const { read } = setup('unknown-csca')
    expect((await read()).passiveAuth.verdict).toBe('untrusted')
  })

  it('fails with CardRemovedError when the card is pulled out during DG2', async () => {
    const { read } = setup('pull-mid-dg2')
    await expect(read()).rejects.toBeInstanceOf(CardRemovedError)
  })

  it('reads the older DG13 layout with both parents in one entry', async () => {
    const { sim, read } = setup('combined-parents')
    const result = await read()
    expect(result.dg13?.parentsLayout).toBe('combined')
    expect(result.dg13?.motherName).toBe(sim.citizen.motherName)
  })

  it('reports progress per file up to its full size', async () => {
    const { sim } = setup()
    const trust = withAnchors(createTrustStore([]), [sim.pki.csca.certificateDer], 'test CSCA')
    const channel = new ApduChannel(new SimulatedLink(sim.card), { extendedLength: false })
    const seen = new Map<string, { bytesRead: number; total: number }>()
    await readDocument(channel, {
      key: sim.content.accessKeys.can,
      trust,
      randomBytes: random,
      now,
      onProgress: (p) => seen.set(p.file, p),
    })
    const dg2 = seen.get('DG2')
    expect(dg2?.bytesRead).toBe(dg2?.total)
    expect(dg2?.total).toBe(sim.content.dataGroups.get(2)?.length)
  })
})
