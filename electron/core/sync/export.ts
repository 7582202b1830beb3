import { copyFileSync, closeSync, fsyncSync, mkdirSync, openSync } from 'node:fs'
import { join } from 'node:path'
import {
  EXPORT_FILES_DIR,
  EXPORT_MANIFEST_FILE,
  EXPORT_SIGNATURE_FILE,
  exportFileName,
  signBytes,
  type ExportManifest,
} from '../../../protocol'
import { fsyncDirectory, writeFileDurably } from '../keys'
import type { KeyPair } from '../../../protocol/packet'
import type { Outbox } from '../queue/outbox'
import type { QueueRepository } from '../store'

export interface ExportResult {
  /** The folder written: `<destination>/kiosk-export-<time>`. */
  dir: string
  files: number
  bytes: number
}

/**
 * Copies every queued file's encrypted body to removable media with a manifest signed by the
 * terminal key (layout in upstream/protocol/export-media.ts). The bodies stay encrypted to the
 * upstream, so the courier cannot read them; the files stay queued, and the next sync learns from
 * the upstream that they arrived. The manifest is written last: a half-written export has none.
 */
export function exportQueue(options: {
  destination: string
  queue: QueueRepository
  outbox: Outbox
  terminal: KeyPair
  terminalId: string
  now: Date
}): ExportResult {
  const stamp = options.now.toISOString().replace(/[:.]/g, '-')
  const dir = join(options.destination, `kiosk-export-${stamp}`)
  const filesDir = join(dir, EXPORT_FILES_DIR)
  mkdirSync(filesDir, { recursive: true })
  const files: ExportManifest['files'] = []
  let bytes = 0
  for (const entry of options.queue.queuedFiles()) {
    if (!options.outbox.exists(entry.fileId)) continue
    const target = join(filesDir, exportFileName(entry.fileId))
    copyFileSync(options.outbox.pathOf(entry.fileId), target)
    const fd = openSync(target, 'r+')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    files.push({ fileId: entry.fileId, sha256: entry.sha256, size: entry.size })
    bytes += entry.size
  }
  fsyncDirectory(filesDir)
  const manifest: ExportManifest = {
    format: 'kiosk-export',
    version: 1,
    terminalId: options.terminalId,
    keyId: options.terminal.keyId,
    createdAt: options.now.toISOString(),
    files,
  }
  const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2), 'utf8')
  writeFileDurably(
    join(dir, EXPORT_SIGNATURE_FILE),
    Buffer.from(signBytes(manifestBytes, options.terminal.privateKey), 'utf8'),
    0o644,
  )
  writeFileDurably(join(dir, EXPORT_MANIFEST_FILE), manifestBytes, 0o644)
  return { dir, files: files.length, bytes }
}
