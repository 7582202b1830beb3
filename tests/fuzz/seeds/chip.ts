import { createPublicKey } from 'node:crypto'
import {
  syntheticCitizen,
  type SyntheticCitizen,
} from '../../../drivers/smartcard/cccd/synthetic-citizens'
import { buildDg15 } from '../../../drivers/smartcard/icao9303/lds/dg15'
import { buildDg14 } from '../../../drivers/smartcard/icao9303/lds/dg14'
import { buildEfCom } from '../../../drivers/smartcard/icao9303/lds/ef-com'
import {
  encodeSecurityInfos,
  OID,
  parseSecurityInfos,
  type SecurityInfo,
} from '../../../drivers/smartcard/icao9303/security-infos'
import { buildSod } from '../../../drivers/smartcard/icao9303/sod/sod-builder'
import { buildChipContent } from '../../../drivers/smartcard/sim/cccd/chip-content'
import {
  DEFAULT_CHIP_PROFILE,
  type ChipProfile,
} from '../../../drivers/smartcard/sim/cccd/chip-profile'
import { seededRandom } from '../../../protocol/packet/test-fixtures'
import { FUZZ_NOW, fixtureAaKeys, fixturePki } from '../fixtures/fixture-keys'

/** The files of one simulated CCCD, as the virtual chip serves them. */
export interface ChipFiles {
  citizen: SyntheticCitizen
  cardAccess: Uint8Array | null
  com: Uint8Array
  sod: Uint8Array
  dataGroups: Map<number, Uint8Array>
}

const PROFILES: readonly Partial<ChipProfile>[] = [
  {},
  { parentsLayout: 'combined', sodHash: 'sha384', pace: { cipher: 'AES-256', parameterId: 12 } },
  { chipAuthentication: { cipher: '3DES', parameterId: 12 }, sodHash: 'sha1', pace: null },
]

let cached: ChipFiles[] | undefined

/**
 * Three simulated CCCDs from the virtual chip's own builder (citizens, profiles and hashes vary),
 * with DG15 from a fixed active-authentication key and EF.SOD signed again over every data group,
 * so that the seeds are the same bytes in every run.
 */
export function simulatedChips(): ChipFiles[] {
  cached ??= PROFILES.map((overrides, i) => chip(i, overrides))
  return cached
}

function chip(i: number, overrides: Partial<ChipProfile>): ChipFiles {
  const citizen = syntheticCitizen(`fuzz-${i}`, { today: FUZZ_NOW })
  const pki = fixturePki()
  const profile: ChipProfile = {
    ...DEFAULT_CHIP_PROFILE,
    faceBytes: 3_000,
    activeAuthentication: null,
    ...overrides,
  }
  const random = seededRandom(`fuzz-chip-${i}`)
  const content = buildChipContent({
    citizen,
    pki,
    profile,
    randomBytes: (n) => new Uint8Array(random(n)),
    signingTime: FUZZ_NOW,
  })
  const { dataGroups } = content
  const aa = i % 2 === 0 ? fixtureAaKeys().ec : fixtureAaKeys().rsa
  dataGroups.set(15, buildDg15(createPublicKey(aa)))
  const dg14 = dataGroups.get(14)
  if (dg14) {
    // Re-encoded with the key style varied, and (chip 0) the AA and TA infos an EC AA chip lists.
    const infos = parseSecurityInfos(dg14)
    const extra: SecurityInfo[] =
      i === 0
        ? [
            {
              type: 'ActiveAuthenticationInfo',
              protocol: OID.AA,
              version: 1,
              signatureAlgorithm: '1.2.840.10045.4.3.2',
            },
            { type: 'TerminalAuthenticationInfo', protocol: OID.TA, version: 1 },
          ]
        : []
    const style = (['explicit', 'named', 'standardized'] as const)[i % 3]
    dataGroups.set(14, buildDg14(encodeSecurityInfos([...infos, ...extra], style)))
  }
  const sod = buildSod({
    hashAlgorithm: profile.sodHash,
    dataGroups,
    signer: {
      certificateDer: pki.documentSigner.certificateDer,
      privateKey: pki.documentSigner.privateKey,
    },
    signingTime: FUZZ_NOW,
    ...(i === 1 ? { ldsVersionInfo: { ldsVersion: '0108', unicodeVersion: '040000' } } : {}),
    ...(i === 2 ? { signerIdentifier: 'subjectKeyIdentifier' as const } : {}),
  })
  const com = buildEfCom({ dataGroups: [...dataGroups.keys()].sort((a, b) => a - b) })
  return { citizen, cardAccess: content.cardAccess, com, sod, dataGroups }
}

/** Every LDS file of every simulated chip, in one list (EF.CardAccess included where present). */
export function allChipFiles(): Uint8Array[] {
  return simulatedChips().flatMap((c) => [
    c.com,
    c.sod,
    ...(c.cardAccess ? [c.cardAccess] : []),
    ...[...c.dataGroups.values()],
  ])
}

/** The data group `n` of every chip that has it. */
export function dataGroupSeeds(n: number): Uint8Array[] {
  return simulatedChips().flatMap((c) => {
    const file = c.dataGroups.get(n)
    return file ? [file] : []
  })
}
