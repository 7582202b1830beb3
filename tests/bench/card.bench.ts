import { randomBytes } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import type { AccessKey } from '../../drivers/smartcard/icao9303/access-key'
import { dataGroup } from '../../drivers/smartcard/icao9303/lds/files'
import { ApduChannel } from '../../drivers/smartcard/iso7816/apdu-channel'
import { createTrustStore, withAnchors } from '../../drivers/smartcard/pki/trust-store'
import { CountingLink, type LinkCounts } from '../../drivers/smartcard/reader/counting-link'
import type { DocumentRead } from '../../drivers/smartcard/reader/document-read'
import { readDocument } from '../../drivers/smartcard/reader/read-document'
import type { ChipContent } from '../../drivers/smartcard/sim/cccd/chip-content'
import type { ChipProfile } from '../../drivers/smartcard/sim/cccd/chip-profile'
import { createSimulatedCccd } from '../../drivers/smartcard/sim/cccd/scenarios'
import { createVirtualCccd } from '../../drivers/smartcard/sim/cccd/virtual-cccd'
import { NFC_BIT_RATE, SimulatedLink, exchangeMs } from '../../drivers/smartcard/sim/simulated-link'
import type { VirtualCard } from '../../drivers/smartcard/sim/virtual-card'
import type { TrustStore } from '../../drivers/smartcard/pki/trust-store'
import type { BenchSuite } from './run'

/** The budget: terminal CPU of one full read, PACE and passive authentication included. */
const CPU_GOAL_MS = 30
const RUNS = 50
const WARMUP = 3
const BIT_RATES = [106, 424, 848] as const

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
  readonly exchanges: [command: number, response: number][] = []

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
    this.exchanges.push([command.length, response.length])
    return response
  }
}

interface ReadSample {
  totalCpuMs: number
  cardCpuMs: number
  wallMs: number
  counts: LinkCounts
  exchanges: readonly [number, number][]
}

interface ReadMode {
  label: string
  content: ChipContent
  profile: ChipProfile
  trust: TrustStore
  key: AccessKey
  extendedLength: boolean
}

/** One full read against a fresh chip (made outside the measurement), checked afterwards. */
async function measureRead(mode: ReadMode): Promise<ReadSample> {
  const card = new MeteredCard(
    createVirtualCccd({ content: mode.content, profile: mode.profile, randomBytes: random }),
  )
  const link = new CountingLink(new SimulatedLink(card))
  const channel = new ApduChannel(link, { extendedLength: mode.extendedLength })
  const options = { key: mode.key, trust: mode.trust, randomBytes: random, now }
  const wallStart = performance.now()
  const cpuStart = process.cpuUsage()
  const read = await readDocument(channel, options)
  const totalCpuMs = cpuMsSince(cpuStart)
  const wallMs = performance.now() - wallStart
  assertComplete(mode.label, read, mode.content)
  return {
    totalCpuMs,
    cardCpuMs: card.cpuMs,
    wallMs,
    counts: { ...link.counts },
    exchanges: card.exchanges,
  }
}

function assertComplete(label: string, read: DocumentRead, content: ChipContent): void {
  const ok =
    read.passiveAuth.verdict === 'valid' &&
    read.chipAuth.verdict === 'passed' &&
    read.activeAuth.verdict === 'passed' &&
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
 * A whole chip read in-process, the virtual CCCD answering: what it costs in APDUs, bytes, CPU and
 * (modelled) air time, short-length against extended-length READ BINARY, and BAC for comparison.
 */
export const cardBench: BenchSuite = {
  name: 'card',
  description: `full read of the virtual CCCD (20 kB DG2), ${RUNS} reads per mode`,
  async run(print) {
    // Setup, not measured: the PKI, the citizen, the face JPEG, the chip keys.
    const pace = createSimulatedCccd({ citizen: 'bench-card', now })
    const bac = createSimulatedCccd({
      scenario: 'bac-only',
      citizen: 'bench-card',
      pki: pace.pki,
      now,
    })
    const trust = withAnchors(createTrustStore([]), [pace.pki.csca.certificateDer], 'bench CSCA')
    const dg2 = pace.content.dataGroups.get(2)?.length ?? 0
    print(
      `chip: PACE ECDH-GM AES-128 brainpoolP256r1, CA AES-128, AA ECDSA P-256, ` +
        `EF.SOD SHA-256; DG2 ${dg2} B (JPEG ${pace.profile.faceBytes} B)`,
    )
    print(
      'CPU: process.cpuUsage (user+system, whole process) around readDocument; "virtual chip" is ' +
        'the same measured around each card.process call; terminal = both − chip.',
    )
    print(
      'air time: Σ per APDU (command + response bytes) × 9 bit / ISO 14443 bit rate ' +
        '(SimulatedLink exchangeMs, perApduMs 0): no frame overhead, frame delay or chip processing.',
    )
    const modes: ReadMode[] = [
      {
        label: 'PACE (CAN), short length: READ BINARY 223 B (Le ≤ 0xE7)',
        content: pace.content,
        profile: pace.profile,
        trust,
        key: pace.content.accessKeys.can,
        extendedLength: false,
      },
      {
        label: 'PACE (CAN), extended length: READ BINARY up to 32 KB',
        content: pace.content,
        profile: pace.profile,
        trust,
        key: pace.content.accessKeys.can,
        extendedLength: true,
      },
      {
        label: 'BAC (MRZ), extended length, for comparison',
        content: bac.content,
        profile: bac.profile,
        trust,
        key: bac.content.accessKeys.mrz,
        extendedLength: true,
      },
    ]
    for (const mode of modes) await benchMode(mode, print)
  },
}
