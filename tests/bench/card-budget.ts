import type { AccessKey } from '../../drivers/smartcard/icao9303/access-key'
import type { TrustStore } from '../../drivers/smartcard/pki/trust-store'
import type { DocumentRead } from '../../drivers/smartcard/reader/document-read'
import { documentBudget, type CardFacts } from '../../drivers/smartcard/reader/read-budget'
import type { ChipContent } from '../../drivers/smartcard/sim/cccd/chip-content'
import type { ChipProfile } from '../../drivers/smartcard/sim/cccd/chip-profile'
import type { ScenarioName, SimulatedCccd } from '../../drivers/smartcard/sim/cccd/scenarios'
import { NFC_BIT_RATE, exchangeMs } from '../../drivers/smartcard/sim/simulated-link'

/** Scenarios whose read completes with every verdict positive (no faults, no tampering). */
export const LENGTH_SCENARIOS: readonly ScenarioName[] = [
  'default',
  'ef-atr-info-4k',
  'atr-extended-only',
  'short-length-only',
  'extended-refused',
  'bac-only',
  'pace-p256-aes256',
  'pace-3des',
  'rsa-aa',
  'no-clone-detection',
]

export const BIT_RATES = [106, 424, 848] as const
const BITS_PER_BYTE = 9

export interface BudgetMode {
  label: string
  content: ChipContent
  profile: ChipProfile
  trust: TrustStore
  key: AccessKey
}

export function modeOf(scenario: ScenarioName, sim: SimulatedCccd, trust: TrustStore): BudgetMode {
  return {
    label: scenario,
    content: sim.content,
    profile: sim.profile,
    trust,
    key: sim.profile.pace ? sim.content.accessKeys.can : sim.content.accessKeys.mrz,
  }
}

export interface BudgetSample {
  exchanges: readonly [command: number, response: number, ins: number][]
  read: DocumentRead
}

const isReadBinary = (ins: number) => ins === 0xb0 || ins === 0xb1

export function printMethod(print: (line: string) => void): void {
  print(
    'minimum: Σ per file ceil(size / block) READ BINARY, block = the largest answer the negotiated ' +
      "lengths allow (under SM what fits once wrapped in DO'87'/'99'/'8E'), + chip authentication's " +
      'probe; fixed steps: every other command (SELECT, PACE/BAC, CA, AA), counted as sent.',
  )
  print(
    'air: Σ (command + response) × 9 bit / ISO 14443 rate; bound: the fixed exchanges as sent, ' +
      'every file byte once, and the read commands and SM overhead of the minimum READ BINARY.',
  )
}

/** One scenario's APDUs and air time against the bound; true when it sent the minimum. */
export function printApduBudget(
  label: string,
  sample: BudgetSample,
  facts: CardFacts,
  print: (line: string) => void,
  /** Extended READ BINARY the card is known to refuse on this read (its first, unremembered). */
  refusals = 0,
): boolean {
  const { read, exchanges } = sample
  const budget = documentBudget(read, facts)
  const minimumReads = budget.readBinaries + budget.probes + refusals
  const reads = exchanges.filter(([, , ins]) => isReadBinary(ins))
  const fixed = exchanges.length - reads.length
  const bytes = (list: typeof exchanges) => list.reduce((sum, [c, r]) => sum + c + r, 0)
  const fileBytes = [...read.files.values()].reduce((sum, f) => sum + f.length, 0)
  const readOverhead = reads.length ? (bytes(reads) - fileBytes) / reads.length : 0
  const boundBytes = bytes(exchanges) - bytes(reads) + fileBytes + readOverhead * minimumReads
  const air = BIT_RATES.map((rate) => {
    const pacing = { bitRate: NFC_BIT_RATE[rate] }
    const sent = exchanges.reduce((sum, [c, r]) => sum + exchangeMs(pacing, c, r), 0)
    const bound = (boundBytes * BITS_PER_BYTE * 1000) / pacing.bitRate
    return `${rate} kbit/s ${sent.toFixed(1)} / ${bound.toFixed(1)} ms`
  })
  const minimal = reads.length === minimumReads
  const { lengths } = read
  print(
    `${label.padEnd(18)} ${lengths.source.padEnd(16)} Le ≤ ${String(lengths.maxResponseData).padStart(5)}` +
      `  APDUs ${String(exchanges.length).padStart(3)} = READ BINARY ${reads.length} ` +
      `(minimum ${minimumReads}${refusals ? `, ${refusals} refused` : ''}) + fixed ${fixed}  ` +
      (minimal ? 'minimum' : 'OVER'),
  )
  print(`${''.padEnd(18)} air time sent / bound: ${air.join(', ')}`)
  return minimal
}
