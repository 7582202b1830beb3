import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import {
  EXPORT_FILES_DIR,
  EXPORT_MANIFEST_FILE,
  EXPORT_SIGNATURE_FILE,
  exportFileName,
  signBytes,
  type ExportManifest,
} from '../../../protocol'
import { UpstreamError } from '../../../upstream/server/errors'
import { importExportMedia, type ImportReport } from '../../../upstream/server/intake/import-media'
import {
  buildFile,
  registerTerminal,
  testTerminal,
  testUpstream,
} from '../../../upstream/server/test-support'
import { randomBytes, randomJson, withSelector } from '../engine/generators'
import { prefixedJson } from '../engine/json-mutate'
import { instanceOfAny, type FuzzTarget } from '../engine/target'
import { joined } from '../engine/tlv-tree'

const FILE_IDS = ['5e1f0c3a-2b4d-4e6f-8a1b-2c3d4e5f6a71', '5e1f0c3a-2b4d-4e6f-8a1b-2c3d4e5f6a72']

/** Every file the manifest lists ends in exactly one of the report's three lists. */
function reportProblem(result: unknown): string | null {
  const report = result as ImportReport
  const accounted = report.received.length + report.duplicates.length + report.refused.length
  return accounted === report.listed
    ? null
    : `${report.listed} files listed, ${accounted} accounted for`
}

/**
 * Input: selector (bit 0 set: the manifest is signed by the registered terminal, so the bytes get
 * past the signature to the schema and the per-file intake; clear: the signature is whatever the
 * input holds after the first newline), then the manifest bytes. The media folder holds real
 * encrypted bodies for the files the seeds list.
 */
export const exportMedia: FuzzTarget = {
  name: 'export-media',
  parses:
    "the upstream's import of export media (upstream/server/intake/import-media.ts): kiosk-export.json, its signature, the files it lists",
  typedErrors: 'UpstreamError (the media as a whole cannot be trusted)',
  setup: async () => {
    const env = await testUpstream()
    const terminal = testTerminal('fuzz-export-terminal')
    await registerTerminal(env.upstream, terminal)
    const media = mkdtempSync(join(tmpdir(), 'fuzz-export-media-'))
    mkdirSync(join(media, EXPORT_FILES_DIR))
    const files = FILE_IDS.map((id) => buildFile(env.upstream, terminal, id))
    for (const file of files)
      writeFileSync(join(media, EXPORT_FILES_DIR, exportFileName(file.manifest.fileId)), file.body)
    const manifest: ExportManifest = {
      format: 'kiosk-export',
      version: 1,
      terminalId: terminal.terminalId,
      keyId: terminal.keys.keyId,
      createdAt: '2026-12-03T07:00:00.000Z',
      files: files.map((f) => ({ fileId: f.manifest.fileId, sha256: f.sha256, size: f.size })),
    }
    const manifestBytes = (value: unknown) => new Uint8Array(Buffer.from(JSON.stringify(value)))
    const seeds = [
      joined(Uint8Array.of(1), manifestBytes(manifest)),
      joined(Uint8Array.of(1), manifestBytes({ ...manifest, files: manifest.files.slice(0, 1) })),
      joined(
        Uint8Array.of(1),
        manifestBytes({ ...manifest, files: [{ ...manifest.files[0], size: 1 }] }),
      ),
      joined(Uint8Array.of(0), manifestBytes(manifest)),
    ]
    return {
      seeds,
      generated: withSelector(fc.oneof(randomJson(), randomBytes(300))),
      structure: { tlv: false, json: prefixedJson(1) },
      mode: 'async',
      execute: async (input) => {
        const signed = ((input[0] ?? 0) & 1) === 1
        const body = Buffer.from(input.subarray(1))
        const newline = body.indexOf(0x0a)
        const bytes = signed || newline < 0 ? body : body.subarray(0, newline)
        const signature = signed
          ? signBytes(bytes, terminal.keys.privateKey)
          : newline < 0
            ? ''
            : body.subarray(newline + 1).toString('utf8')
        writeFileSync(join(media, EXPORT_MANIFEST_FILE), bytes)
        writeFileSync(join(media, EXPORT_SIGNATURE_FILE), signature)
        return importExportMedia(env.upstream, media)
      },
      isTyped: instanceOfAny(UpstreamError),
      checkResult: reportProblem,
      maxBytes: 64 * 1024,
      dispose: async () => {
        await env.cleanup()
        rmSync(media, { recursive: true, force: true })
      },
    }
  },
}
