import { createHash } from 'node:crypto'
import { FINGER_NAMES, type FingerImage, type FingerName } from '../../../drivers/fingerprint'
import { buildFingerImageRecord, syntheticFingerImage } from '../../../drivers/fingerprint'
import {
  syntheticCitizen,
  ApduChannel,
  createTrustStore,
  withAnchors,
  readDocument,
  createSimulatedCccd,
  SimulatedLink,
  TRAINING_FACE_SEED,
} from '../../../drivers/smartcard'
import type {
  PassiveAuthenticationResult,
  SyntheticCitizen,
  SimPki,
  TrustStore,
  ScenarioName,
} from '../../../drivers/smartcard'
import type { PacketPartInput, RandomBytes } from '../../../protocol/packet'
import { simDeskRecords } from './sim-desk-records'
import { kioskRecords, placeholder, placeholderPart } from './sim-parts'
import { createSimPortraitSource } from './sim-portrait'
import { chipPartsOf } from '../card/chip-parts'

// Not exported from ./index: this loads the chip reader, the virtual CCCD and the fingerprint
// simulator, which a kiosk starting up has no use for. Import it by path.

export interface SimulatedEnrollmentOptions {
  /** Signs the virtual chips: the station's simulator PKI (`<data dir>/sim-pki`). */
  pki: SimPki
  now: () => Date
  randomBytes: RandomBytes
  /** Virtual chip scenario (`tampered-dg2`, `unknown-csca` …); default `default`. */
  scenario?: ScenarioName
  /** Unused since the portrait is real (sim-portrait.ts); kept so older callers still compile. */
  portraitBytes?: number
  /** Size of the placeholder document scan; default 64 KiB. */
  documentBytes?: number
}

/** One simulated citizen's enrollment, ready for `core.submit`. */
export interface SimulatedEnrollment {
  parts: PacketPartInput[]
  citizen: SyntheticCitizen
  /** The kiosk-side verdict of the chip read (the upstream checks the same data again). */
  passiveAuth: PassiveAuthenticationResult
}

export interface SimulatedEnrollmentSource {
  /** Reads the virtual CCCD of the citizen of `citizenSeed` and captures ten fingers. */
  enrollment(citizenSeed: string): Promise<SimulatedEnrollment>
}

/** Distinct portraits in DG2: drawing one costs most of a second (see ChipContentOptions.faceSeed). */
export const SIM_FACE_POOL = 4
/**
 * Every simulated citizen presents the fingers of this one synthetic donor: growing a master print
 * costs about a second, ten per citizen would make `sim enroll --count 100` take a quarter of an
 * hour. Citizens differ by which impression of each finger they give (SIM_FINGER_IMPRESSIONS).
 */
export const SIM_FINGER_DONOR = 'sim-enroll-finger-donor'
export const SIM_FINGER_IMPRESSIONS = 2

function seedByte(...parts: string[]): number {
  return createHash('sha256').update(parts.join('\u001f')).digest()[0] ?? 0
}

/**
 * Makes complete simulated enrollments through the real device code: each citizen's virtual CCCD
 * (signed by `pki`) is read over an in-process link with PACE, chip and active authentication, and
 * EF.SOD and every data group read become the `chip.sod` / `chip.dg` parts; the ten fingers are
 * ISO/IEC 19794-4 records (PNG, fast to encode) of synthetic prints. The portrait is the training still
 * through the kiosk's re-check (sim-portrait.ts); the document stays a placeholder. DG2 faces come
 * from SIM_FACE_POOL drawings (the training citizen's is a photo) and
 * fingers from one donor, so these files are no use for deduplication tests.
 */
export function createSimulatedEnrollmentSource(
  options: SimulatedEnrollmentOptions,
): SimulatedEnrollmentSource {
  const { pki, now, randomBytes } = options
  const trust = withAnchors(createTrustStore([]), [pki.csca.certificateDer], 'simulator CSCA')
  const fingerParts = createFingerPartSource(now)
  // One face engine per source, loaded on the first file (~0.2 s); each check is ~0.5 s.
  const portrait = createSimPortraitSource(now)

  return {
    async enrollment(citizenSeed) {
      const citizen = syntheticCitizen(citizenSeed, { today: now() })
      const chip = await chipParts(options, trust, citizen)
      const parts: PacketPartInput[] = [
        ...chip.parts,
        ...(await portrait(chip.chipFace)),
        ...(await fingerParts(citizen)),
        placeholderPart(
          'document/0',
          'document',
          'image/jpeg',
          placeholder(options.documentBytes ?? 64 * 1024, randomBytes),
        ),
        // The desk's consent record (version, purposes, text hash) replaces the bare filler one.
        ...kioskRecords(randomBytes).filter((p) => p.kind !== 'consent'),
        ...simDeskRecords(citizen, now()),
      ]
      return { parts, citizen, passiveAuth: chip.passiveAuth }
    },
  }
}

/** Reads the citizen's virtual CCCD over an in-process link: EF.SOD and the data groups as parts. */
async function chipParts(
  options: SimulatedEnrollmentOptions,
  trust: TrustStore,
  citizen: SyntheticCitizen,
): Promise<{
  parts: PacketPartInput[]
  passiveAuth: PassiveAuthenticationResult
  chipFace: Uint8Array | null
}> {
  const { pki, now } = options
  const random = (n: number) => new Uint8Array(options.randomBytes(n))
  const sim = createSimulatedCccd({
    scenario: options.scenario ?? 'default',
    citizen,
    pki,
    now,
    randomBytes: random,
    // The training citizen keeps its own DG2 (the fake camera's person); others share a pool.
    faceSeed:
      citizen.seed === TRAINING_FACE_SEED
        ? TRAINING_FACE_SEED
        : `sim-face-${seedByte(citizen.seed) % SIM_FACE_POOL}`,
  })
  const channel = new ApduChannel(new SimulatedLink(sim.card))
  const keys = sim.content.accessKeys
  const document = await readDocument(channel, {
    key: sim.profile.pace ? keys.can : keys.mrz,
    trust,
    randomBytes: random,
    now,
  })
  if (!document.files.has('EF.SOD'))
    throw new Error(`the simulated chip of ${citizen.seed} gave no EF.SOD`)
  const parts = chipPartsOf(document.files)
  return { parts, passiveAuth: document.passiveAuth, chipFace: document.face?.image ?? null }
}

/** The ten fingers of a citizen as ISO/IEC 19794-4 records, from the donor's cached impressions. */
function createFingerPartSource(
  now: () => Date,
): (citizen: SyntheticCitizen) => Promise<PacketPartInput[]> {
  const impressions = new Map<string, FingerImage>()
  const impression = (finger: FingerName, attempt: number): FingerImage => {
    const key = `${finger}|${attempt}`
    let image = impressions.get(key)
    if (!image) {
      image = syntheticFingerImage({ citizenId: SIM_FINGER_DONOR, finger, attempt })
      impressions.set(key, image)
    }
    return image
  }
  return async (citizen) => {
    const parts: PacketPartInput[] = []
    for (const finger of FINGER_NAMES) {
      const attempt = seedByte(citizen.seed, finger) % SIM_FINGER_IMPRESSIONS
      const record = await buildFingerImageRecord(
        [{ finger, image: impression(finger, attempt), captureTime: now() }],
        { encoding: 'png' },
      )
      parts.push({
        name: `finger/${finger}`,
        kind: 'finger',
        mediaType: 'application/x-iso19794-4',
        data: Buffer.from(record),
      })
    }
    return parts
  }
}
