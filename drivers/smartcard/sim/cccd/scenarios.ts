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

const DG2_FID = 0x0102

export const SCENARIOS = {
  default: {
    description:
      'CCCD như thẻ thật: PACE + BAC, CA, AA / a CCCD like the real card: PACE + BAC, CA, AA',
  },
  'bac-only': {
    description: 'Không có EF.CardAccess, chỉ BAC / no EF.CardAccess, BAC only',
    profile: { pace: null },
  },
  'pace-p256-aes256': {
    description: 'PACE AES-256 trên NIST P-256 / PACE AES-256 on NIST P-256',
    profile: {
      pace: { cipher: 'AES-256', parameterId: 12 },
      chipAuthentication: { cipher: 'AES-256', parameterId: 12 },
    },
  },
  'pace-3des': {
    description: 'PACE và CA với 3DES / PACE and chip authentication with 3DES',
    profile: {
      pace: { cipher: '3DES', parameterId: 13 },
      chipAuthentication: { cipher: '3DES', parameterId: 13 },
    },
  },
  'rsa-aa': {
    description: 'Xác thực chủ động RSA (ISO 9796-2) / RSA active authentication (ISO 9796-2)',
    profile: { activeAuthentication: { type: 'rsa', modulusBits: 1024 } },
  },
  'combined-parents': {
    description: 'DG13 ghi tên cha mẹ chung một mục / DG13 with both parents in one entry',
    profile: { parentsLayout: 'combined' },
  },
  'no-clone-detection': {
    description: 'Không có DG14, DG15 / no DG14 or DG15',
    profile: { chipAuthentication: null, activeAuthentication: null },
  },
  'short-length-only': {
    description: 'Chip không nhận APDU độ dài mở rộng / no extended-length APDUs',
    profile: { extendedLength: false },
  },
  'tampered-dg2': {
    description: 'Ảnh DG2 bị sửa sau khi ký / DG2 altered after signing',
    tamperDataGroups: [2],
  },
  'unknown-csca': {
    description: 'EF.SOD do CSCA lạ ký / EF.SOD under an unknown CSCA',
    foreignSigner: true,
  },
  'slow-link': {
    description: 'Chip chậm, 40 ms mỗi APDU / a slow chip, 40 ms per APDU',
    faults: { delayPerApduMs: 40 },
  },
  'pull-mid-dg2': {
    description: 'Thẻ bị rút giữa chừng khi đọc DG2 / card pulled out halfway through DG2',
    faults: { removeAfterFileBytes: { fid: DG2_FID, bytes: 8000 } },
  },
  'corrupted-sm': {
    description: 'Một phản hồi bảo mật bị hỏng / one secure-messaging answer corrupted',
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
