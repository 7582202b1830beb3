import { z } from 'zod'

/** Rates serial scanners are set to; USB-CDC scanners ignore the rate. */
const BaudRateSchema = z.union([
  z.literal(9600),
  z.literal(19200),
  z.literal(38400),
  z.literal(57600),
  z.literal(115200),
])

/**
 * `barcode` in the config file: ports that hold a QR scanner whatever their USB id says (a scanner
 * behind a generic USB-serial cable, or a maker not in SCANNER_USB_VENDORS), with the rate the
 * scanner is set to.
 */
export const BarcodeConfigSchema = z
  .object({
    ports: z
      .array(
        z
          .object({ path: z.string().min(1).max(200), baudRate: BaudRateSchema.optional() })
          .strict(),
      )
      .max(8),
  })
  .partial()
  .strict()
export type BarcodeConfig = z.infer<typeof BarcodeConfigSchema>
