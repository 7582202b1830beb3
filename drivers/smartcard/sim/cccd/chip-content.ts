import type { KeyObject } from 'node:crypto'
import { buildDg13 } from '../../cccd/dg13-build'
import { cccdAccessKeys } from '../../cccd/access-keys'
import type { SyntheticCitizen } from '../../cccd/synthetic-citizens'
import { syntheticFaceJpeg } from '../../cccd/synthetic-face'
import { TRAINING_FACE_SEED, trainingFaceJpeg } from '../../cccd/training-face'
import type { AccessKey } from '../../icao9303/access-key'
import { generateActiveAuthenticationKey } from '../../icao9303/aa/aa-signer'
import { generateChipAuthenticationKey } from '../../icao9303/ca/ca-card'
import type { Curve } from '../../icao9303/crypto/ec/curve'
import { curveForParameterId } from '../../icao9303/crypto/ec/domains'
import type { RandomBytes } from '../../icao9303/crypto/random'
import { buildDg1 } from '../../icao9303/lds/dg1'
import { buildDg14 } from '../../icao9303/lds/dg14'
import { buildDg15 } from '../../icao9303/lds/dg15'
import { buildDg2 } from '../../icao9303/lds/dg2'
import { buildEfCom } from '../../icao9303/lds/ef-com'
import {
  OID,
  caOid,
  encodeSecurityInfos,
  paceOid,
  type SecurityInfo,
} from '../../icao9303/security-infos'
import { buildSod } from '../../icao9303/sod/sod-builder'
import type { SimPki } from '../../pki/sim-pki'
import type { ChipProfile } from './chip-profile'

/** Everything a virtual CCCD holds: its files and the secrets behind its protocols. */
export interface ChipContent {
  cardAccess: Uint8Array | null
  com: Uint8Array
  sod: Uint8Array
  /** DG number → file. */
  dataGroups: Map<number, Uint8Array>
  accessKeys: { can: Extract<AccessKey, { kind: 'CAN' }>; mrz: Extract<AccessKey, { kind: 'MRZ' }> }
  pace: { protocol: string; parameterId: number } | null
  chipAuthentication: { protocol: string; curve: Curve; privateKey: bigint } | null
  activeAuthenticationKey: KeyObject | null
}

export interface ChipContentOptions {
  citizen: SyntheticCitizen
  pki: SimPki
  profile: ChipProfile
  randomBytes: RandomBytes
  signingTime: Date
  /**
   * Seed of the DG2 portrait; default the citizen's seed. Drawing a face costs most of a second, so
   * simulators that make many citizens (`kiosk sim enroll`) share a few faces between them.
   */
  faceSeed?: string
  /** Change these DGs after EF.SOD is signed (a forged chip whose hashes no longer match). */
  tamperDataGroups?: readonly number[]
}

const AA_SIGNATURE_OID: Record<string, string> = {
  prime256v1: '1.2.840.10045.4.3.2',
  brainpoolP256r1: '1.2.840.10045.4.3.2',
  secp384r1: '1.2.840.10045.4.3.3',
  brainpoolP384r1: '1.2.840.10045.4.3.3',
}

export function buildChipContent(options: ChipContentOptions): ChipContent {
  const { citizen, profile, pki } = options
  const accessKeys = cccdAccessKeys(citizen)

  const pace = profile.pace
    ? { protocol: paceOid('ECDH-GM', profile.pace.cipher), parameterId: profile.pace.parameterId }
    : null
  const cardAccess = pace ? encodeSecurityInfos([{ type: 'PACEInfo', version: 2, ...pace }]) : null

  const dataGroups = new Map<number, Uint8Array>()
  dataGroups.set(1, buildDg1(citizen.mrz))
  const faceSeed = options.faceSeed ?? citizen.seed
  // The training citizen's chip holds the photo the fake camera shows (cccd/training-face.ts).
  const face =
    (faceSeed === TRAINING_FACE_SEED ? trainingFaceJpeg(profile.faceBytes) : null) ??
    syntheticFaceJpeg({ seed: faceSeed, targetBytes: profile.faceBytes })
  dataGroups.set(2, buildDg2({ image: face.jpeg, width: face.width, height: face.height }))
  dataGroups.set(13, buildDg13(citizen.dg13, { parentsLayout: profile.parentsLayout }))

  const chip = chipAuthenticationOf(profile, options.randomBytes)
  const active = activeAuthenticationOf(profile)
  if (active) dataGroups.set(15, active.dg15)
  const dg14Infos = [...(chip?.infos ?? []), ...(active?.infos ?? [])]
  const chipAuthentication = chip?.responder ?? null
  const activeAuthenticationKey = active?.privateKey ?? null
  if (dg14Infos.length) dataGroups.set(14, buildDg14(encodeSecurityInfos(dg14Infos)))

  const sod = buildSod({
    hashAlgorithm: profile.sodHash,
    dataGroups,
    signer: {
      certificateDer: pki.documentSigner.certificateDer,
      privateKey: pki.documentSigner.privateKey,
    },
    signingTime: options.signingTime,
  })
  tamperWith(dataGroups, options.tamperDataGroups ?? [])
  const com = buildEfCom({ dataGroups: [...dataGroups.keys()].sort((a, b) => a - b) })
  return {
    cardAccess,
    com,
    sod,
    dataGroups,
    accessKeys,
    pace,
    chipAuthentication,
    activeAuthenticationKey,
  }
}

/** Chip authentication (DG14): a fresh key on the profile's curve and its security infos. */
function chipAuthenticationOf(
  profile: ChipContentOptions['profile'],
  randomBytes: ChipContentOptions['randomBytes'],
): { responder: NonNullable<ChipContent['chipAuthentication']>; infos: SecurityInfo[] } | null {
  if (!profile.chipAuthentication) return null
  const { cipher, parameterId } = profile.chipAuthentication
  const curve = curveForParameterId(parameterId)
  if (!curve) throw new RangeError(`no curve for parameter id ${parameterId}`)
  const key = generateChipAuthenticationKey(curve, randomBytes, parameterId)
  const protocol = caOid('ECDH', cipher)
  return {
    responder: { protocol, curve, privateKey: key.privateKey },
    infos: [
      { type: 'ChipAuthenticationInfo', protocol, version: 1 },
      {
        type: 'ChipAuthenticationPublicKeyInfo',
        protocol: OID.PK_ECDH,
        publicKey: { kind: 'EC', ...key.publicKey },
      },
    ],
  }
}

/** Active authentication (DG15), and for an EC key the ActiveAuthenticationInfo DG14 lists. */
function activeAuthenticationOf(
  profile: ChipContentOptions['profile'],
): { privateKey: KeyObject; dg15: Uint8Array; infos: SecurityInfo[] } | null {
  const spec = profile.activeAuthentication
  if (!spec) return null
  const key = generateActiveAuthenticationKey(spec)
  const infos: SecurityInfo[] =
    spec.type === 'ec'
      ? [
          {
            type: 'ActiveAuthenticationInfo',
            protocol: OID.AA,
            version: 1,
            signatureAlgorithm: AA_SIGNATURE_OID[spec.curve] ?? '1.2.840.10045.4.3.2',
          },
        ]
      : []
  return { privateKey: key.privateKey, dg15: buildDg15(key.subjectPublicKeyInfo), infos }
}

/** Flips the last bit of the given data groups after signing, so their hashes no longer match. */
function tamperWith(dataGroups: Map<number, Uint8Array>, numbers: readonly number[]): void {
  for (const n of numbers) {
    const file = dataGroups.get(n)
    if (!file) continue
    const forged = file.slice()
    const at = forged.length - 1
    forged[at] = (forged[at] ?? 0) ^ 0x01
    dataGroups.set(n, forged)
  }
}
