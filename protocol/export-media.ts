import { z } from 'zod'
import { FileIdSchema, KeyIdSchema, Sha256HexSchema, TerminalIdSchema } from './schemas'

/**
 * Export media: queued files carried on removable media from a station offline for long.
 * A folder (anywhere on the medium) holding:
 *
 *   kiosk-export.json        the manifest below, UTF-8 JSON
 *   kiosk-export.json.sig    base64url signature by the terminal key over the exact bytes of
 *                            kiosk-export.json (same algorithms as request signing)
 *   files/<fileId>.kpkt      each file's encrypted body, byte for byte what sync would upload
 *
 * The bodies stay encrypted to the upstream key, so a courier cannot read them. The upstream's
 * import checks the manifest signature against the registered terminal, then treats each file like
 * an upload (hash, decrypt, validate); a file already received counts as a duplicate. The kiosk
 * learns the outcome on its next sync: announcing an imported file answers `complete` with its
 * receipt.
 */
export const EXPORT_MANIFEST_FILE = 'kiosk-export.json'
export const EXPORT_SIGNATURE_FILE = 'kiosk-export.json.sig'
export const EXPORT_FILES_DIR = 'files'
export const EXPORT_FILE_EXTENSION = '.kpkt'

export const ExportManifestSchema = z
  .object({
    format: z.literal('kiosk-export'),
    version: z.literal(1),
    terminalId: TerminalIdSchema,
    /** keyId of the terminal key that signed the manifest. */
    keyId: KeyIdSchema,
    createdAt: z.string().datetime({ offset: true }),
    files: z
      .array(
        z
          .object({
            fileId: FileIdSchema,
            sha256: Sha256HexSchema,
            size: z.number().int().positive(),
          })
          .strict(),
      )
      .max(100_000),
  })
  .strict()
export type ExportManifest = z.infer<typeof ExportManifestSchema>

export function exportFileName(fileId: string): string {
  return `${fileId}${EXPORT_FILE_EXTENSION}`
}
