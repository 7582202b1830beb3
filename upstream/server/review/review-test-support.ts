import {
  buildFingerImageRecord,
  FINGER_NAMES,
  syntheticFingerImage,
  SYNTHETIC_SIZES,
  type FingerImageEncoding,
} from '../../../drivers/fingerprint'
import { trainingFaceJpeg } from '../../../drivers/smartcard'
import type { ConsentRecord, EnrollmentRecord, PacketPartInput } from '../../../protocol/packet'

/** A minor enrolled from papers with a guardian, the CCCD application pending, two documents. */
export function sampleEnrollmentRecord(photos: readonly string[] = []): EnrollmentRecord {
  return {
    formatVersion: 1,
    identity: {
      source: 'papers',
      document: 'none',
      fullName: 'Trần Thị Bình',
      idNumber: '079312345678',
      dateOfBirth: '2012-05-17',
      sex: 'F',
      nationality: 'vn',
      mismatches: ['dateOfBirth'],
      cccdApplicationRef: 'HS-2026-000123',
      residenceCard: null,
    },
    eligibility: {
      rule: 'decree-69-2024-art-7',
      on: '2026-11-26',
      age: 14,
      ageApproximate: false,
      level1: 'granted',
      level2: 'on-request',
      guardian: { fullName: 'Trần Văn Cường', idNumber: '079080000111', relationship: 'father' },
    },
    documents: {
      healthInsurance: 'HS4797912345678',
      drivingLicence: null,
      vehicleRegistrations: [{ plate: '59X1-234.56', registrationNumber: null }],
      photos: [...photos],
    },
    recreates: null,
  }
}

export const sampleConsentRecord = (): ConsentRecord => ({
  agreed: true,
  version: '2026-11',
  purposes: ['account', 'integration'],
  textSha256: 'ab'.repeat(32),
  language: 'vi',
  acceptedAt: '2026-11-26T07:57:00.000+07:00',
})

export const jsonPart = (
  name: string,
  kind: 'enrollment' | 'consent' | 'contact',
  value: unknown,
): PacketPartInput => ({
  name,
  kind,
  mediaType: 'application/json',
  data: Buffer.from(JSON.stringify(value)),
})

/** Ten ISO 19794-4 records of the synthetic citizen's fingers, R30x-sized to stay quick. */
export async function sampleFingerParts(
  encodingOf: (index: number) => FingerImageEncoding = () => 'png',
): Promise<PacketPartInput[]> {
  const parts: PacketPartInput[] = []
  for (const [index, finger] of FINGER_NAMES.entries()) {
    const image = syntheticFingerImage({ citizenId: 'review', finger, size: SYNTHETIC_SIZES.r30x })
    const record = await buildFingerImageRecord(
      [{ finger, image, captureTime: new Date('2026-11-26T07:55:00.000Z') }],
      { encoding: encodingOf(index) },
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

/** A document photo: the training face JPEG stands in for a photographed card. */
export function sampleDocumentPart(name: string): PacketPartInput {
  const jpeg = trainingFaceJpeg(20_000)
  if (!jpeg) throw new Error('resources/camera/training-citizen.jpg is missing')
  return { name, kind: 'document', mediaType: 'image/jpeg', data: Buffer.from(jpeg.jpeg) }
}
