import { z } from 'zod'

/**
 * The chip ID card reader in the contract: how the renderer asks for a read, and the shape of what
 * comes back (the driver's read summary, JSON-safe, plus the portrait as a data URL). Declared here
 * without importing the driver, which runs only in the core; core/card checks the two agree.
 */

const text = z.string().max(2000)
const count = z.number().int().nonnegative()

/** YYMMDD as printed in the MRZ. */
const MrzDateSchema = z
  .string()
  .regex(/^\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/, 'a date as YYMMDD')

/** The secret that opens the chip: the 6-digit CAN printed on the card, or the MRZ data. */
export const CardAccessSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('CAN'), can: z.string().regex(/^\d{6}$/, 'six digits') }).strict(),
  z
    .object({
      kind: z.literal('MRZ'),
      documentNumber: z.string().regex(/^[A-Za-z0-9<]{1,20}$/, 'MRZ characters'),
      dateOfBirth: MrzDateSchema,
      dateOfExpiry: MrzDateSchema,
    })
    .strict(),
])
export type CardAccess = z.infer<typeof CardAccessSchema>

export const CardReadInputSchema = z
  .object({
    /** Exact reader name from `card.readers`; default: the first reader holding a card. */
    reader: z.string().min(1).max(200).optional(),
    access: CardAccessSchema,
  })
  .strict()

export const LdsFileNameSchema = z.enum([
  'EF.COM',
  'EF.SOD',
  'EF.CardAccess',
  'EF.CardSecurity',
  'DG1',
  'DG2',
  'DG3',
  'DG4',
  'DG5',
  'DG6',
  'DG7',
  'DG8',
  'DG9',
  'DG10',
  'DG11',
  'DG12',
  'DG13',
  'DG14',
  'DG15',
  'DG16',
])

export const CardReadStepSchema = z.union([
  z.enum([
    'card-access',
    'pace',
    'bac',
    'select-application',
    'chip-authentication',
    'active-authentication',
    'passive-authentication',
  ]),
  z.templateLiteral(['read:', LdsFileNameSchema]),
])

const MrzCheckSchema = z.object({
  printed: z.string(),
  computed: z.number().int(),
  valid: z.boolean(),
})

const MrzSummarySchema = z.object({
  format: z.enum(['TD1', 'TD2', 'TD3']),
  documentCode: z.string(),
  issuingState: z.string(),
  documentNumber: z.string(),
  dateOfBirth: z.string(),
  sex: z.enum(['M', 'F', 'X', '<']),
  dateOfExpiry: z.string(),
  nationality: z.string(),
  surname: z.string(),
  givenNames: z.string(),
  optionalData: z.string(),
  checkDigitsValid: z.boolean(),
  checks: z.object({
    documentNumber: MrzCheckSchema,
    dateOfBirth: MrzCheckSchema,
    dateOfExpiry: MrzCheckSchema,
    composite: MrzCheckSchema,
    /** TD3 only. */
    optionalData: MrzCheckSchema.optional(),
  }),
})

/** The CCCD-specific reading of the MRZ: the 12-digit ID in the optional data. */
const CccdMrzSchema = z.object({
  idNumber: z.string().nullable(),
  idNumberCheck: MrzCheckSchema.nullable(),
  documentNumberMatchesId: z.boolean(),
})

const CardDateSchema = z.object({ text: z.string(), iso: z.string().nullable() })

/** DG13's named fields as the chip stores them (null when absent). */
const Dg13SummarySchema = z.object({
  version: z.number().int().nullable(),
  oid: z.string().nullable(),
  idNumber: text.nullable(),
  fullName: text.nullable(),
  dateOfBirth: CardDateSchema.nullable(),
  sex: text.nullable(),
  sexCode: z.enum(['M', 'F']).nullable(),
  nationality: text.nullable(),
  ethnicity: text.nullable(),
  religion: text.nullable(),
  placeOfOrigin: text.nullable(),
  placeOfResidence: text.nullable(),
  personalIdentification: text.nullable(),
  dateOfIssue: CardDateSchema.nullable(),
  dateOfExpiry: CardDateSchema.nullable(),
  fatherName: text.nullable(),
  motherName: text.nullable(),
  parentsLayout: z.enum(['separate', 'combined', 'flat']).nullable(),
  spouseName: text.nullable(),
  oldIdNumber: text.nullable(),
  otherFieldNumbers: z.array(z.number().int()),
})

const CheckStatusSchema = z.enum(['passed', 'failed', 'skipped'])
const PaCheckSchema = z.object({ status: CheckStatusSchema, detail: z.string().optional() })

/** Dates as ISO 8601 strings (the driver's Date objects do not survive JSON). */
const CertificateSummarySchema = z.object({
  subject: z.string(),
  issuer: z.string(),
  serial: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
})

export const passiveAuthVerdicts = ['valid', 'invalid', 'untrusted'] as const

const PassiveAuthSchema = z.object({
  verdict: z.enum(passiveAuthVerdicts),
  checks: z.object({
    sodParsed: PaCheckSchema,
    signedAttributes: PaCheckSchema,
    signature: PaCheckSchema,
    certificateChain: z.object({
      status: z.enum(['passed', 'failed', 'skipped', 'untrusted']),
      detail: z.string().optional(),
    }),
    dataGroupHashes: z.array(
      z.object({
        number: z.number().int(),
        status: z.enum(['match', 'mismatch', 'missing-from-sod', 'not-read']),
      }),
    ),
  }),
  failedCheck: z
    .enum(['sodParsed', 'dataGroupHashes', 'signedAttributes', 'signature', 'certificateChain'])
    .optional(),
  /** Why the verdict is not `valid`: "Vietnamese / English: detail". */
  failed: z.string().optional(),
  hashAlgorithm: z.enum(['sha1', 'sha224', 'sha256', 'sha384', 'sha512']).optional(),
  documentSigner: CertificateSummarySchema.optional(),
  csca: CertificateSummarySchema.extend({ source: z.string() }).optional(),
})

/** Chip or active authentication (clone detection). */
const CloneCheckSchema = z.object({
  verdict: z.enum(['passed', 'failed', 'not-supported']),
  reason: z.string().optional(),
  protocol: z.string().optional(),
})

export const CardReadResultSchema = z.object({
  reader: z.string(),
  access: z.enum(['PACE', 'BAC']),
  paceProtocol: z.string().optional(),
  mrz: MrzSummarySchema.nullable(),
  cccd: CccdMrzSchema.optional(),
  dg13: Dg13SummarySchema.optional(),
  passiveAuth: PassiveAuthSchema,
  chipAuth: CloneCheckSchema,
  activeAuth: CloneCheckSchema,
  face: z
    .object({
      format: z.enum(['jpeg', 'jpeg2000']),
      width: count,
      height: count,
      bytes: count,
    })
    .nullable(),
  /** The portrait as the browser can show it: JPEG as stored, JPEG 2000 re-encoded as PNG. */
  faceDataUrl: z
    .string()
    .regex(/^data:image\/(jpeg|png);base64,[A-Za-z0-9+/]+=*$/)
    .nullable(),
  files: z.array(z.object({ name: LdsFileNameSchema, bytes: count })),
  problems: z.array(z.object({ file: LdsFileNameSchema, reason: z.string() })),
  apdus: count,
  bytesSent: count,
  bytesReceived: count,
  elapsedMs: z.number().nonnegative(),
})
export type CardReadResult = z.infer<typeof CardReadResultSchema>

const AtrSchema = z.string().regex(/^[0-9A-F]{2,66}$/, 'ATR as uppercase hex')

export const CardReaderSchema = z.object({
  name: z.string(),
  cardPresent: z.boolean(),
  atr: AtrSchema.optional(),
  simulated: z.boolean(),
})
export type CardReader = z.infer<typeof CardReaderSchema>

export const CardReadersSchema = z.object({
  /** Where cards are read: PC/SC readers, or the in-process virtual reader of training mode. */
  source: z.enum(['real', 'simulated']),
  readers: z.array(CardReaderSchema),
})

/** Virtual cards the training reader can hold (drivers/smartcard/sim/cccd/scenarios.ts). */
export const simulatedCardScenarios = [
  'default',
  'bac-only',
  'pace-p256-aes256',
  'pace-3des',
  'rsa-aa',
  'combined-parents',
  'no-clone-detection',
  'short-length-only',
  'tampered-dg2',
  'unknown-csca',
  'slow-link',
  'pull-mid-dg2',
  'corrupted-sm',
  'ef-atr-info-4k',
  'atr-extended-only',
  'extended-refused',
] as const
export const SimulatedCardScenarioSchema = z.enum(simulatedCardScenarios)

export const SimulateInsertInputSchema = z
  .object({
    scenario: SimulatedCardScenarioSchema.optional(),
    /** Same seed, same synthetic citizen. */
    citizenSeed: z.string().min(1).max(64).optional(),
    /** The citizen's date of birth (a child's, for the training scenarios), YYYY-MM-DD. */
    dateOfBirth: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
  })
  .strict()

/** The virtual card now on the reader, and the keys that open it (synthetic data, not PII). */
export const SimulatedCardSchema = z.object({
  reader: z.string(),
  scenario: SimulatedCardScenarioSchema,
  citizenSeed: z.string(),
  atr: AtrSchema,
  accessKeys: z.object({
    can: z.string(),
    mrz: z.object({
      documentNumber: z.string(),
      dateOfBirth: z.string(),
      dateOfExpiry: z.string(),
    }),
  }),
})

export const CardInsertedEventSchema = z.object({ reader: z.string(), atr: AtrSchema })
export const CardRemovedEventSchema = z.object({ reader: z.string() })
/**
 * One block of a chip file read. `bytesRead`/`total` are the current file's; the `document…`
 * counts are the whole read's (drivers/smartcard/reader/document-progress.ts): `documentTotal`
 * grows as each expected file's first block gives its size, and is exact once `filesUnsized` is 0.
 * Every card service (PC/SC and simulated) reads through that one counter, so all are required.
 */
export const CardReadProgressEventSchema = z
  .object({
    reader: z.string(),
    file: LdsFileNameSchema,
    bytesRead: count,
    total: count,
    documentBytesRead: count,
    documentTotal: count,
    filesUnsized: count,
  })
  .refine((p) => p.bytesRead <= p.total && p.documentBytesRead <= p.documentTotal, {
    message: 'bytes read beyond the known total',
  })
  .refine((p) => p.total <= p.documentTotal, { message: 'a file larger than the document' })
export const CardReadStepEventSchema = z.object({ reader: z.string(), step: CardReadStepSchema })
