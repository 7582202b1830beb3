import { bilingualMessage } from '../../../../lib/messages'
import { randomBytes as nodeRandomBytes } from 'node:crypto'
import { syntheticCitizen, type SyntheticCitizen } from '../../cccd/synthetic-citizens'
import type { RandomBytes } from '../../icao9303/crypto/random'
import { createSimPki, type SimPki } from '../../pki/sim-pki'
import type { IsoCard } from '../iso-card'
import { FaultyCard, type FaultPlan } from '../faults'
import type { VirtualCard } from '../virtual-card'
import { buildChipContent, type ChipContent } from './chip-content'
import { DEFAULT_CHIP_PROFILE, type ChipProfile } from './chip-profile'
import { createVirtualCccd } from './virtual-cccd'

/**
 * Named virtual cards for training, tests and `kiosk sim card --scenario NAME`. Each says what an
 * officer (or a test) should see when reading it.
 */
export interface Scenario {
  description: string
  profile?: Partial<ChipProfile>
  /** DGs altered after signing: passive authentication must say `invalid` and name them. */
  tamperDataGroups?: number[]
  /** EF.SOD signed under a CSCA that is not handed out: passive authentication `untrusted`. */
  foreignSigner?: boolean
  faults?: FaultPlan
}

/** The "vi / en" line of a scenario, from `messages.scenario.<name>`. */
function scenarioDescription(name: string): string {
  return bilingualMessage(`messages.scenario.${name}`)
}

const DG2_FID = 0x0102

/** Card capabilities without extended Lc/Le and no EF.ATR/INFO: a short-length-only chip. */
const SHORT_ONLY: ChipProfile['lengths'] = {
  historical: { commandChaining: false, extendedLength: false, extendedLengthInfo: false },
  efAtrInfo: null,
  acceptsExtended: false,
}

export const SCENARIOS = {
  default: {
    description: scenarioDescription('default'),
  },
  'bac-only': {
    description: scenarioDescription('bac-only'),
    profile: { pace: null },
  },
  'pace-p256-aes256': {
    description: scenarioDescription('pace-p256-aes256'),
    profile: {
      pace: { cipher: 'AES-256', parameterId: 12 },
      chipAuthentication: { cipher: 'AES-256', parameterId: 12 },
    },
  },
  'pace-3des': {
    description: scenarioDescription('pace-3des'),
    profile: {
      pace: { cipher: '3DES', parameterId: 13 },
      chipAuthentication: { cipher: '3DES', parameterId: 13 },
    },
  },
  'rsa-aa': {
    description: scenarioDescription('rsa-aa'),
    profile: { activeAuthentication: { type: 'rsa', modulusBits: 1024 } },
  },
  'combined-parents': {
    description: scenarioDescription('combined-parents'),
    profile: { parentsLayout: 'combined' },
  },
  'no-clone-detection': {
    description: scenarioDescription('no-clone-detection'),
    profile: { chipAuthentication: null, activeAuthentication: null },
  },
  'short-length-only': {
    description: scenarioDescription('short-length-only'),
    profile: { lengths: SHORT_ONLY },
  },
  'ef-atr-info-4k': {
    description: scenarioDescription('ef-atr-info-4k'),
    profile: {
      lengths: {
        ...DEFAULT_CHIP_PROFILE.lengths,
        efAtrInfo: { maxCommandBytes: 1033, maxResponseBytes: 4098 },
      },
    },
  },
  'atr-extended-only': {
    description: scenarioDescription('atr-extended-only'),
    profile: {
      lengths: {
        historical: { commandChaining: false, extendedLength: true, extendedLengthInfo: false },
        efAtrInfo: null,
        acceptsExtended: true,
      },
    },
  },
  'extended-refused': {
    description: scenarioDescription('extended-refused'),
    profile: { lengths: { ...DEFAULT_CHIP_PROFILE.lengths, acceptsExtended: false } },
  },
  'tampered-dg2': {
    description: scenarioDescription('tampered-dg2'),
    tamperDataGroups: [2],
  },
  'unknown-csca': {
    description: scenarioDescription('unknown-csca'),
    foreignSigner: true,
  },
  'slow-link': {
    description: scenarioDescription('slow-link'),
    faults: { delayPerApduMs: 40 },
  },
  'pull-mid-dg2': {
    description: scenarioDescription('pull-mid-dg2'),
    faults: { removeAfterFileBytes: { fid: DG2_FID, bytes: 8000 } },
  },
  'corrupted-sm': {
    description: scenarioDescription('corrupted-sm'),
    faults: { corruptResponse: { fromApdu: 12, index: -5 } },
  },
} as const satisfies Record<string, Scenario>

export type ScenarioName = keyof typeof SCENARIOS
export const SCENARIO_NAMES = Object.keys(SCENARIOS) as ScenarioName[]

export function isScenarioName(name: string): name is ScenarioName {
  return Object.hasOwn(SCENARIOS, name)
}

export interface SimulatedCccdOptions {
  scenario?: ScenarioName
  /** Seed of the synthetic citizen (same seed, same person), or a given citizen. */
  citizen?: SyntheticCitizen | string
  /** The PKI that signs EF.SOD; a fresh one when omitted. */
  pki?: SimPki
  profile?: Partial<ChipProfile>
  /** Seed of the portrait in DG2; default the citizen's (see ChipContentOptions.faceSeed). */
  faceSeed?: string
  now?: () => Date
  randomBytes?: RandomBytes
}

export interface SimulatedCccd {
  /** What a reader talks to: the chip, behind the scenario's faults when it has any. */
  card: VirtualCard
  chip: IsoCard
  citizen: SyntheticCitizen
  content: ChipContent
  /** The PKI whose CSCA a reader should trust (for `unknown-csca`, not the one that signed). */
  pki: SimPki
  profile: ChipProfile
  scenario: ScenarioName
}

export function createSimulatedCccd(options: SimulatedCccdOptions = {}): SimulatedCccd {
  const scenarioName = options.scenario ?? 'default'
  const scenario: Scenario = SCENARIOS[scenarioName]
  const now = options.now ?? (() => new Date())
  const randomBytes = options.randomBytes ?? ((n: number) => new Uint8Array(nodeRandomBytes(n)))
  const citizen =
    typeof options.citizen === 'object'
      ? options.citizen
      : syntheticCitizen(options.citizen ?? 'training-1', { today: now() })
  const pki = options.pki ?? createSimPki({ now: now() })
  const signer = scenario.foreignSigner ? createSimPki({ now: now() }) : pki
  const profile: ChipProfile = { ...DEFAULT_CHIP_PROFILE, ...scenario.profile, ...options.profile }
  const content = buildChipContent({
    citizen,
    pki: signer,
    profile,
    randomBytes,
    signingTime: now(),
    ...(options.faceSeed !== undefined ? { faceSeed: options.faceSeed } : {}),
    ...(scenario.tamperDataGroups ? { tamperDataGroups: scenario.tamperDataGroups } : {}),
  })
  const chip = createVirtualCccd({ content, profile, randomBytes })
  const card = scenario.faults ? new FaultyCard(chip, scenario.faults) : chip
  return { card, chip, citizen, content, pki, profile, scenario: scenarioName }
}
