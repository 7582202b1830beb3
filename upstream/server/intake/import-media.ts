import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  EXPORT_FILES_DIR,
  EXPORT_MANIFEST_FILE,
  EXPORT_SIGNATURE_FILE,
  ExportManifestSchema,
  exportFileName,
  publicKeyFromBase64,
  verifyBytes,
} from '../../../protocol'
import { errorBody, UpstreamError } from '../errors'
import type { Upstream } from '../upstream'
import { safeParse } from '../../../lib/schema'

export interface ImportReport {
  terminalId: string
  /** Files listed in the manifest. */
  listed: number
  received: string[]
  duplicates: string[]
  refused: { fileId: string; reason: string }[]
}

/**
 * Imports export media written by a kiosk (layout in protocol/export-media.ts). The manifest must
 * be signed by the terminal's registered key; then each file goes through the same checks as an
 * upload. A refused file does not stop the others. Throws UpstreamError when the media as a whole
 * cannot be trusted.
 */
export async function importExportMedia(upstream: Upstream, dir: string): Promise<ImportReport> {
  const manifestFile = join(dir, EXPORT_MANIFEST_FILE)
  const signatureFile = join(dir, EXPORT_SIGNATURE_FILE)
  if (!existsSync(manifestFile) || !existsSync(signatureFile))
    throw new UpstreamError(
      'bad_request',
      `${dir} holds no ${EXPORT_MANIFEST_FILE} with its signature`,
    )
  const manifestBytes = readFileSync(manifestFile)
  let json: unknown
  try {
    json = JSON.parse(manifestBytes.toString('utf8'))
  } catch {
    throw new UpstreamError('bad_request', `${EXPORT_MANIFEST_FILE} is not JSON`)
  }
  const parsed = safeParse(ExportManifestSchema, json)
  if (!parsed.success)
    throw new UpstreamError(
      'bad_request',
      `${EXPORT_MANIFEST_FILE}: ${parsed.error.issues[0]?.message}`,
    )
  const manifest = parsed.data

  const record = await upstream.ctx.repos.terminals.get(manifest.terminalId)
  if (!record) throw new UpstreamError('unregistered_terminal', manifest.terminalId)
  if (record.keyId !== manifest.keyId)
    throw new UpstreamError(
      'bad_signature',
      'the manifest names a key that is not the registered one',
    )
  const publicKey = publicKeyFromBase64(record.publicKey)
  const signature = readFileSync(signatureFile, 'utf8').trim()
  if (!verifyBytes(manifestBytes, signature, publicKey))
    throw new UpstreamError('bad_signature', 'the manifest signature does not verify')

  const report: ImportReport = {
    terminalId: manifest.terminalId,
    listed: manifest.files.length,
    received: [],
    duplicates: [],
    refused: [],
  }
  const terminal = { record, publicKey }
  for (const entry of manifest.files) {
    const bodyFile = join(dir, EXPORT_FILES_DIR, exportFileName(entry.fileId))
    if (!existsSync(bodyFile)) {
      report.refused.push({ fileId: entry.fileId, reason: 'missing from the media' })
      continue
    }
    try {
      const outcome = await upstream.intake.receiveWhole(terminal, entry, readFileSync(bodyFile))
      ;(outcome.duplicate ? report.duplicates : report.received).push(entry.fileId)
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error
      report.refused.push({
        fileId: entry.fileId,
        reason: errorBody(error.code, error.detail).error.message,
      })
    }
  }
  upstream.ctx.log('export media imported', {
    terminalId: report.terminalId,
    received: report.received.length,
    duplicates: report.duplicates.length,
    refused: report.refused.length,
  })
  return report
}
