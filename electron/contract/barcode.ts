import { z } from 'zod'
import { DateTextSchema, IdentityDocumentSchema, PersonSchema } from './enrollment'

/**
 * The CCCD's QR code as an identity source: the text a scanner or the webcam read, parsed by the
 * core (drivers/smartcard's QR parser) into the enrollment's Person fields. Declared without the
 * driver; core/barcode maps one onto the other.
 */

/** A CCCD QR payload is about 150 bytes; the parser refuses more than 4096 characters. */
export const MAX_QR_PAYLOAD = 4096

export const QrPayloadSchema = z.string().min(1).max(MAX_QR_PAYLOAD)

export const ParseCccdQrInputSchema = z.object({ payload: QrPayloadSchema }).strict()

export const ParsedCccdQrSchema = z.object({
  person: PersonSchema,
  /** The QR code is printed on the CCCD (and the 2024 Căn cước card that replaces it). */
  document: IdentityDocumentSchema,
  /** The card's date of issue; null when the code leaves it empty. */
  dateOfIssue: DateTextSchema.nullable(),
  /** The 9- or 12-digit number of the old ID card (CMND), when the code carries one. */
  oldIdNumber: z
    .string()
    .regex(/^\d{9}(\d{3})?$/)
    .nullable(),
  /** standard: the card's 7 fields · six-field: a copy re-shared by an app (no old ID). */
  variant: z.enum(['standard', 'six-field']),
})
export type ParsedCccdQr = z.infer<typeof ParsedCccdQrSchema>

export const BarcodeListenResultSchema = z.object({
  listening: z.boolean(),
  /** Whether a serial scanner (or the training one) is open now: the screen says "scan now". */
  scannerReady: z.boolean(),
})

/** A payload a serial scanner read (citizen data: to the connections that listen, signed in). */
export const BarcodeScannedEventSchema = z.object({ payload: QrPayloadSchema })

export const SimulateScanInputSchema = z.object({ payload: QrPayloadSchema }).strict()
