import { z } from 'zod'

/**
 * The kiosk's record of the enrollment itself (part `enrollment`, application/json): where the
 * identity came from, the eligibility decision and the guardian, the documents to integrate, and
 * the application it recreates. The chip's own data stays in the `chip.*` parts; this record is
 * what the officer established at the desk. Personal data, so it exists only inside the file.
 */
export const ENROLLMENT_RECORD_PART = 'enrollment'
export const ENROLLMENT_RECORD_FORMAT_VERSION = 1

const Text = z.string().min(1).max(500)
const CalendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
const Grant = z.enum(['granted', 'on-request', 'refused'])

export const EnrollmentRecordSchema = z
  .object({
    formatVersion: z.literal(ENROLLMENT_RECORD_FORMAT_VERSION),
    identity: z
      .object({
        source: z.enum(['chip', 'qr', 'manual', 'papers']),
        document: z.enum(['cccd', 'id-card', 'temporary-residence', 'permanent-residence', 'none']),
        fullName: Text,
        idNumber: z.string().regex(/^[A-Z0-9]{6,20}$/),
        dateOfBirth: CalendarDate,
        sex: z.enum(['M', 'F']).nullable(),
        nationality: z.enum(['vn', 'foreign']),
        /** Fields where the QR code or the typed identity differed from the chip. */
        mismatches: z.array(z.enum(['fullName', 'idNumber', 'dateOfBirth', 'sex'])),
        cccdApplicationRef: z.string().max(40).nullable(),
        residenceCard: z
          .object({ kind: z.enum(['temporary', 'permanent']), number: z.string().max(20) })
          .strict()
          .nullable(),
      })
      .strict(),
    eligibility: z
      .object({
        rule: z.literal('decree-69-2024-art-7'),
        on: CalendarDate,
        age: z.number().int().min(0).max(200),
        ageApproximate: z.boolean(),
        level1: Grant,
        level2: Grant,
        guardian: z
          .object({
            fullName: Text,
            idNumber: z.string().regex(/^\d{12}$/),
            relationship: z.enum(['father', 'mother', 'guardian', 'other']),
          })
          .strict()
          .nullable(),
      })
      .strict(),
    documents: z
      .object({
        healthInsurance: z.string().max(20).nullable(),
        drivingLicence: z
          .object({
            number: z.string().regex(/^\d{12}$/),
            licenceClass: z.string().max(8),
            expiry: CalendarDate.nullable(),
          })
          .strict()
          .nullable(),
        vehicleRegistrations: z
          .array(
            z
              .object({
                plate: z.string().max(20),
                registrationNumber: z.string().max(20).nullable(),
              })
              .strict(),
          )
          .max(10),
        /** Names of the `document` parts holding photos of them. */
        photos: z.array(z.string().max(100)).max(10),
      })
      .strict(),
    /** The rejected file this application recreates. */
    recreates: z.string().uuid().nullable(),
  })
  .strict()
export type EnrollmentRecord = z.infer<typeof EnrollmentRecordSchema>

/** The `consent` part: the notice's version and the SHA-256 of the exact text the citizen saw. */
export const ConsentRecordSchema = z
  .object({
    agreed: z.literal(true),
    version: z.string().min(1).max(40),
    /** The purposes the citizen agreed to, each by its own box (Decree 13/2023 Art. 11). */
    purposes: z
      .array(z.string().regex(/^[A-Za-z0-9]{1,40}$/))
      .min(1)
      .max(10),
    textSha256: z.string().regex(/^[0-9a-f]{64}$/),
    language: z.enum(['vi', 'en']),
    acceptedAt: z.string().datetime({ offset: true }),
  })
  .strict()
export type ConsentRecord = z.infer<typeof ConsentRecordSchema>
