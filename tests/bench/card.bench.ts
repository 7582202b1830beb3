import { randomBytes } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { dataGroup } from '../../drivers/smartcard/icao9303/lds/files'
import { ApduChannel } from '../../drivers/smartcard/iso7816/apdu-channel'
import { createTrustStore, withAnchors } from '../../drivers/smartcard/pki/trust-store'
import { CountingLink, type LinkCounts } from '../../drivers/smartcard/reader/counting-link'
import { createLengthMemory, type LengthMemory } from '../../drivers/smartcard/reader/length-plan'
import type { DocumentRead } from '../../drivers/smartcard/reader/document-read'
import { readDocument } from '../../drivers/smartcard/reader/read-document'
import { createSimulatedCccd } from '../../drivers/smartcard/sim/cccd/scenarios'
import { simulatedCardFacts } from '../../drivers/smartcard/sim/cccd/card-facts'
import { createVirtualCccd } from '../../drivers/smartcard/sim/cccd/virtual-cccd'
import { NFC_BIT_RATE, SimulatedLink, exchangeMs } from '../../drivers/smartcard/sim/simulated-link'
import type { VirtualCard } from '../../drivers/smartcard/sim/virtual-card'
import {
  BIT_RATES,
  LENGTH_SCENARIOS,
  modeOf,
  printApduBudget,
  printMethod,
  type BudgetMode,
} from './card-budget'
import type { BenchSuite } from './run'

/** The budget: terminal CPU of one full read, PACE and passive authentication included. */
const CPU_GOAL_MS = 30
const RUNS = 50
const WARMUP = 3

const now = () => new Date('2026-11-26T10:00:00Z')
const random = (n: number) => new Uint8Array(randomBytes(n))

const cpuMsSince = (start: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1000
}

/**
 * The virtual chip with a meter: CPU spent inside its `process` (so the card's share of an
 * in-process read can be taken out) and the size of every exchange (for the air-time model).
 */
class MeteredCard implements VirtualCard {
  cpuMs = 0
  readonly exchanges: [command: number, response: number, ins: number][] = []

  constructor(private readonly inner: VirtualCard) {}

  get atr(): Uint8Array {
    return this.inner.atr
  }
  powerOn(): void {
    this.inner.powerOn()
  }
  powerOff(): void {
    this.inner.powerOff()
  }
  reset(): void {
    this.inner.reset()
  }

  async process(command: Uint8Array): Promise<Uint8Array> {
    const start = process.cpuUsage()
    const response = await this.inner.process(command)
    this.cpuMs += cpuMsSince(start)
    this.exchanges.push([command.length, response.length, command[1] ?? -1])
    return response
  }
}

interface ReadSample {
  totalCpuMs: number
  cardCpuMs: number
  wallMs: number
  counts: LinkCounts
  exchanges: readonly [number, number, number][]
  read: DocumentRead
}

type ReadMode = BudgetMode

/** One full read against a fresh chip (made outside the measurement), checked afterwards. */
async function measureRead(mode: ReadMode, lengthMemory?: LengthMemory): Promise<ReadSample> {
  const card = new MeteredCard(
    createVirtualCccd({ content: mode.content, profile: mode.profile, randomBytes: random }),
  )
  const link = new CountingLink(new SimulatedLink(card))
  // No length flag: the reader chooses from the chip's ATR and EF.ATR/INFO, as over PC/SC.
  const channel = new ApduChannel(link)
  const options = {
    key: mode.key,
    trust: mode.trust,
    randomBytes: random,
    now,
    ...(lengthMemory ? { lengthMemory } : {}),
  }
  const wallStart = performance.now()
  const cpuStart = process.cpuUsage()
  const read = await readDocument(channel, options)
  const totalCpuMs = cpuMsSince(cpuStart)
  const wallMs = performance.now() - wallStart
  assertComplete(mode, read)
  return {
    totalCpuMs,
    cardCpuMs: card.cpuMs,
    wallMs,
    counts: { ...link.counts },
    exchanges: card.exchanges,
    read,
  }
}

function assertComplete(mode: ReadMode, read: DocumentRead): void {
  const { label, content, profile } = mode
  const ok =
    read.passiveAuth.verdict === 'valid' &&
    read.chipAuth.verdict === (profile.chipAuthentication ? 'passed' : 'not-supported') &&
    read.activeAuth.verdict === (profile.activeAuthentication ? 'passed' : 'not-supported') &&
    read.problems.length === 0 &&
    [...content.dataGroups].every(
      ([n, bytes]) => read.files.get(dataGroup(n).name)?.length === bytes.length,
    )
  if (!ok) {
    throw new Error(
      `bench setup: ${label} read was not complete: PA ${read.passiveAuth.verdict}, ` +
        `CA ${read.chipAuth.verdict}, AA ${read.activeAuth.verdict}, ${read.problems.length} problems`,
    )
  }
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN
}

const ms = (v: number) => `${v.toFixed(1)} ms`

async function benchMode(mode: ReadMode, print: (line: string) => void): Promise<void> {
  for (let i = 0; i < WARMUP; i++) await measureRead(mode)
  const samples: ReadSample[] = []
  for (let i = 0; i < RUNS; i++) samples.push(await measureRead(mode))
  const first = samples[0]
  if (!first) return
  const { apdus, bytesSent, bytesReceived } = first.counts
  const column = (pick: (s: ReadSample) => number) => {
    const values = samples.map(pick)
    return `median ${ms(quantile(values, 0.5)).padStart(8)}  p95 ${ms(quantile(values, 0.95)).padStart(8)}`
  }
  const terminal = (s: ReadSample) => s.totalCpuMs - s.cardCpuMs
  const terminalMedian = quantile(samples.map(terminal), 0.5)
  const air = BIT_RATES.map((rate) => {
    const pacing = { bitRate: NFC_BIT_RATE[rate] }
    const total = first.exchanges.reduce((sum, [c, r]) => sum + exchangeMs(pacing, c, r), 0)
    return `${rate} kbit/s ${ms(total)}`
  })
  print(`${mode.label}`)
  print(`  APDUs ${apdus}, bytes sent ${bytesSent}, received ${bytesReceived}`)
  print(`  CPU terminal      ${column(terminal)}`)
  print(`  CPU virtual chip  ${column((s) => s.cardCpuMs)}`)
  print(`  CPU both          ${column((s) => s.totalCpuMs)}`)
  print(`  wall time         ${column((s) => s.wallMs)}`)
  print(`  air time          ${air.join(', ')}`)
  const verdict = terminalMedian <= CPU_GOAL_MS ? 'PASS' : 'OVER'
  print(`  goal terminal CPU ≤ ${CPU_GOAL_MS} ms: ${verdict} (median ${ms(terminalMedian)})`)
}

/**
 * A whole chip read in-process, the virtual CCCD answering: APDUs against the fewest the chip's
 * capabilities allow, air time against its bound, on every scenario a read completes on; then
 * CPU and wall time of the default card.
 */
export const cardBench: BenchSuite = {
  name: 'card',
  description: `full read of the virtual CCCD (20 kB DG2) per scenario, then ${RUNS} reads for CPU`,
  async run(print) {
    // Setup, not measured: the PKI, the citizen, the face JPEG, the chip keys.
    const pace = createSimulatedCccd({ citizen: 'bench-card', now })
    const trust = withAnchors(createTrustStore([]), [pace.pki.csca.certificateDer], 'bench CSCA')
    const dg2 = pace.content.dataGroups.get(2)?.length ?? 0
    print(
      `chip: PACE ECDH-GM AES-128 brainpoolP256r1, CA AES-128, AA ECDSA P-256, ` +
        `EF.SOD SHA-256; DG2 ${dg2} B (JPEG ${pace.profile.faceBytes} B)`,
    )
    printMethod(print)
    let allMinimal = true
    for (const scenario of LENGTH_SCENARIOS) {
      const sim = createSimulatedCccd({ scenario, citizen: 'bench-card', pki: pace.pki, now })
      const mode = modeOf(scenario, sim, trust)
      const facts = simulatedCardFacts(sim)
      const memory = createLengthMemory()
      const refusing =
        !sim.profile.lengths.acceptsExtended && sim.profile.lengths.efAtrInfo !== null
      const first = await measureRead(mode, memory)
      allMinimal = printApduBudget(scenario, first, facts, print, refusing ? 1 : 0) && allMinimal
      if (refusing) {
        // The same card again: the reader remembers the refusal and starts short.
        const again = await measureRead(mode, memory)
        allMinimal = printApduBudget(`${scenario} again`, again, facts, print) && allMinimal
      }
    }
    print(
      `goal APDUs = minimum + fixed steps on every scenario, no caller flag: ${allMinimal ? 'PASS' : 'OVER'}`,
    )
    await benchMode(modeOf('default', pace, trust), print)
  },
}
