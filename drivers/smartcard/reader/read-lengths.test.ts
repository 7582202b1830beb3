import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { AccessKey } from '../icao9303/access-key'
import { ApduChannel } from '../iso7816/apdu-channel'
import type { LengthSource } from '../iso7816/length-limits'
import { createTrustStore, withAnchors } from '../pki/trust-store'
import {
  createSimulatedCccd,
  type ScenarioName,
  type SimulatedCccdOptions,
} from '../sim/cccd/scenarios'
import { simulatedCardFacts } from '../sim/cccd/card-facts'
import { SimulatedLink } from '../sim/simulated-link'
import { CountingLink } from './counting-link'
import type { DocumentRead, ReadProgress } from './document-read'
import { createLengthMemory, type LengthMemory } from './length-plan'
import { documentBudget } from './read-budget'
import { readDocument } from './read-document'

const now = () => new Date('2026-11-26T10:00:00Z')
const random = (n: number) => new Uint8Array(randomBytes(n))

interface MeasuredRead {
  read: DocumentRead
  counting: CountingLink
  progress: ReadProgress[]
  /** The fewest READ BINARY commands the card's advertised-and-honoured lengths allow. */
  minimumReadBinaries: number
}

async function measuredRead(
  options: SimulatedCccdOptions,
  memory?: LengthMemory,
): Promise<MeasuredRead> {
  const sim = createSimulatedCccd({ citizen: 'lengths-test', now, ...options })
  const trust = withAnchors(createTrustStore([]), [sim.pki.csca.certificateDer], 'test CSCA')
  const counting = new CountingLink(new SimulatedLink(sim.card))
  const key: AccessKey = sim.profile.pace ? sim.content.accessKeys.can : sim.content.accessKeys.mrz
  const progress: ReadProgress[] = []
  const read = await readDocument(new ApduChannel(counting), {
    key,
    trust,
    randomBytes: random,
    now,
    ...(memory ? { lengthMemory: memory } : {}),
    onProgress: (p) => progress.push(p),
  })
  const budget = documentBudget(read, simulatedCardFacts(sim))
  const minimumReadBinaries = budget.readBinaries + budget.probes
  return { read, counting, progress, minimumReadBinaries }
}

const EXPECTED: [ScenarioName, LengthSource, number][] = [
  ['default', 'ef-atr-info', 65536],
  ['ef-atr-info-4k', 'ef-atr-info', 4096],
  ['atr-extended-only', 'historical-bytes', 65536],
  ['short-length-only', 'short-default', 256],
  ['pace-3des', 'ef-atr-info', 65536],
  ['bac-only', 'ef-atr-info', 65536],
]

describe('readDocument chooses lengths from what the virtual CCCD advertises', () => {
  it.each(EXPECTED)(
    '%s: lengths from %s, %i bytes per answer, the fewest READ BINARY',
    async (scenario, source, maxResponseData) => {
      const { read, counting, minimumReadBinaries } = await measuredRead({ scenario })
      expect(read.lengths).toMatchObject({ source, maxResponseData })
      expect(read.passiveAuth.verdict).toBe('valid')
      expect(counting.readBinaries).toBe(minimumReadBinaries)
      // Under secure messaging too, no answer is longer than the card said it sends.
      expect(counting.largestResponse).toBeLessThanOrEqual(maxResponseData + 2)
    },
  )

  it('reads the default card in one READ BINARY per file', async () => {
    const { read, counting } = await measuredRead({ scenario: 'default' })
    // EF.ATR/INFO, EF.CardAccess, then EF.COM, EF.SOD and every DG; chip authentication's probe.
    expect(counting.readBinaries).toBe(2 + read.files.size + 1)
  })
})

describe('a card that claims extended length and refuses it', () => {
  it('falls back to short length on its first extended READ BINARY and reads everything', async () => {
    const { read, counting, minimumReadBinaries } = await measuredRead({
      scenario: 'extended-refused',
    })
    expect(read.lengths).toMatchObject({ source: 'fallback', extended: false })
    expect(read.passiveAuth.verdict).toBe('valid')
    expect(read.chipAuth.verdict).toBe('passed')
    // The one refused READ BINARY (EF.CardAccess, in plain), then the short-length minimum.
    expect(counting.readBinaries).toBe(minimumReadBinaries + 1)
  })

  it('remembers the card: the next read starts short and wastes nothing', async () => {
    const memory = createLengthMemory()
    await measuredRead({ scenario: 'extended-refused' }, memory)
    const again = await measuredRead({ scenario: 'extended-refused' }, memory)
    expect(again.read.lengths.source).toBe('fallback')
    expect(again.counting.readBinaries).toBe(again.minimumReadBinaries)
  })

  it('falls back under secure messaging when the first extended read is EF.COM (BAC, no EF.CardAccess)', async () => {
    const { read, counting, minimumReadBinaries } = await measuredRead({
      scenario: 'extended-refused',
      profile: { pace: null },
    })
    expect(read.access).toBe('BAC')
    expect(read.lengths.source).toBe('fallback')
    expect(read.passiveAuth.verdict).toBe('valid')
    expect(read.problems).toEqual([])
    expect(counting.readBinaries).toBe(minimumReadBinaries + 1)
  })
})

describe('document progress in bytes', () => {
  it('ends with every byte of every file read, the total exact', async () => {
    const { read, progress } = await measuredRead({ scenario: 'ef-atr-info-4k' })
    const total = [...read.files.values()].reduce((sum, bytes) => sum + bytes.length, 0)
    const last = progress.at(-1)
    expect(last).toMatchObject({ documentBytesRead: total, documentTotal: total, filesUnsized: 0 })
    for (const [i, p] of progress.entries()) {
      expect(p.documentBytesRead).toBeLessThanOrEqual(p.documentTotal)
      if (i > 0)
        expect(p.documentBytesRead).toBeGreaterThan(progress[i - 1]?.documentBytesRead ?? 0)
    }
    // The total grows as each file's first block gives its size, never shrinks.
    const totals = progress.map((p) => p.documentTotal)
    expect(totals).toEqual([...totals].sort((a, b) => a - b))
  })

  it.each([{}, { scenario: 'ef-atr-info-4k' as const }])(
    'calls the total exact only once every file is sized, the data groups listed first (%o)',
    async (options) => {
      const { read, progress } = await measuredRead(options)
      const total = [...read.files.values()].reduce((sum, bytes) => sum + bytes.length, 0)
      // EF.SOD is read whole before its data groups are listed: its end is not the read's end.
      expect(progress.find((p) => p.file === 'EF.SOD' && p.bytesRead === p.total)).toMatchObject({
        filesUnsized: 1,
      })
      const exact = progress.filter((p) => p.filesUnsized === 0)
      expect(exact.length).toBeGreaterThan(0)
      for (const p of exact) expect(p.documentTotal).toBe(total)
      for (const p of progress.filter((q) => q.filesUnsized > 0))
        expect(p.documentTotal).toBeLessThan(total)
    },
  )

  it('knows the exact total before the portrait, the bulk of the read, begins', async () => {
    const { read, progress } = await measuredRead({ scenario: 'ef-atr-info-4k' })
    const total = [...read.files.values()].reduce((sum, bytes) => sum + bytes.length, 0)
    const dg2 = progress.filter((p) => p.file === 'DG2')
    // 4 KB answers: DG2 comes in several blocks, every one against the final total.
    expect(dg2.length).toBeGreaterThan(3)
    for (const p of dg2) expect(p).toMatchObject({ filesUnsized: 0, documentTotal: total })
    expect(progress.at(-1)?.file).toBe('DG2')
    expect(read.dataGroups).toEqual([1, 2, 13, 14, 15])
  })

  it('starts over after the fallback under secure messaging, still ending exact', async () => {
    const { read, progress } = await measuredRead({
      scenario: 'extended-refused',
      profile: { pace: null },
    })
    const total = [...read.files.values()].reduce((sum, bytes) => sum + bytes.length, 0)
    expect(progress.at(-1)).toMatchObject({ documentBytesRead: total, documentTotal: total })
  })
})
