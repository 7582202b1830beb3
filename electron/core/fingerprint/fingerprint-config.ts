import { z } from 'zod'
import type { FingerImageEncoding } from '../../../drivers/fingerprint'

const RECORD_ENCODINGS = [
  'png',
  'jpeg2000-lossless',
  'wsq',
  'none',
] as const satisfies readonly FingerImageEncoding[]

/**
 * `fingerprint` in the config file. `recordEncoding` is how the file's ISO/IEC 19794-4 finger
 * records store each image: PNG when unset; 'wsq' (0.75 bpp, compression code 2) for an upstream
 * whose AFIS asks for WSQ; 'jpeg2000-lossless' and 'none' as the records module writes them.
 */
export const FingerprintConfigSchema = z
  .object({
    recordEncoding: z.enum(RECORD_ENCODINGS),
  })
  .partial()
  .strict()
export type FingerprintConfig = z.infer<typeof FingerprintConfigSchema>
