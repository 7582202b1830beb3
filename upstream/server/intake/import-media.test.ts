import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { BuiltPacket } from '../../../protocol/packet'
import {
  apiPaths,
  EXPORT_FILES_DIR,
  EXPORT_MANIFEST_FILE,
  EXPORT_SIGNATURE_FILE,
  exportFileName,
  signBytes,
  type ExportManifest,
} from '../../../protocol'
import { UpstreamError } from '../errors'
import {
  buildFile,
  registerTerminal,
  signedInject,
  testTerminal,
  testUpstream,
  type TestTerminal,
} from '../test-support'
import { importExportMedia } from './import-media'

const IDS = [
  '77777777-7777-4777-8777-777777777771',
  '77777777-7777-4777-8777-777777777772',
  '77777777-7777-4777-8777-777777777773',
]

let env: Awaited<ReturnType<typeof testUpstream>>
let terminal: TestTerminal
let media: string

beforeEach(async () => {
  env = await testUpstream()
  terminal = testTerminal()
  await registerTerminal(env.upstream, terminal)
  media = mkdtempSync(join(tmpdir(), 'export-media-'))
})
afterEach(async () => {
  await env.cleanup()
  rmSync(media, { recursive: true, force: true })
})

/** Writes media as the kiosk's export does (protocol/export-media.ts). */
function writeMedia(files: BuiltPacket[], signer: TestTerminal = terminal, skipBody?: string) {
  mkdirSync(join(media, EXPORT_FILES_DIR), { recursive: true })
  for (const file of files)
    if (file.manifest.fileId !== skipBody)
      writeFileSync(join(media, EXPORT_FILES_DIR, exportFileName(file.manifest.fileId)), file.body)
  const manifest: ExportManifest = {
    format: 'kiosk-export',
    version: 1,
    terminalId: signer.terminalId,
    keyId: signer.keys.keyId,
    createdAt: '2026-11-26T07:00:00.000Z',
    files: files.map((f) => ({ fileId: f.manifest.fileId, sha256: f.sha256, size: f.size })),
  }
  const bytes = Buffer.from(JSON.stringify(manifest, null, 2))
  writeFileSync(join(media, EXPORT_MANIFEST_FILE), bytes)
  writeFileSync(join(media, EXPORT_SIGNATURE_FILE), signBytes(bytes, signer.keys.privateKey))
  return bytes
}

describe('export media import', () => {
  it('receives every file once; a second import counts duplicates; sync then finds them complete', async () => {
    const files = IDS.map((id) => buildFile(env.upstream, terminal, id))
    writeMedia(files)
    const first = await importExportMedia(env.upstream, media)
    expect(first).toEqual({
      terminalId: 'terminal-1',
      listed: 3,
      received: IDS,
      duplicates: [],
      refused: [],
    })
    const second = await importExportMedia(env.upstream, media)
    expect(second.duplicates).toEqual(IDS)
    expect(await env.upstream.stats()).toEqual({
      received: 3,
      approved: 0,
      rejected: 0,
      duplicates: 3,
    })
    const announce = await signedInject(env.upstream, terminal, {
      method: 'POST',
      path: apiPaths.announce(),
      json: { fileId: IDS[0], sha256: files[0]!.sha256, size: files[0]!.size },
    })
    expect(announce.json()).toMatchObject({ state: 'complete', receipt: { fileId: IDS[0] } })
    expect((await env.upstream.ctx.repos.files.get(IDS[0]!))?.source).toBe('import')
  })

  it('refuses single bad files with a reason and takes the rest', async () => {
    const files = IDS.map((id) => buildFile(env.upstream, terminal, id))
    writeMedia(files, terminal, IDS[1])
    writeFileSync(
      join(media, EXPORT_FILES_DIR, exportFileName(IDS[2]!)),
      Buffer.concat([files[2]!.body.subarray(0, -1), Buffer.from([0])]),
    )
    const report = await importExportMedia(env.upstream, media)
    expect(report.received).toEqual([IDS[0]])
    expect(report.refused).toEqual([
      { fileId: IDS[1], reason: 'missing from the media' },
      { fileId: IDS[2], reason: expect.stringContaining('does not match its hash') },
    ])
  })

  it('refuses media whose manifest was altered, or signed by an unregistered terminal', async () => {
    const files = [buildFile(env.upstream, terminal, IDS[0]!)]
    const bytes = writeMedia(files)
    writeFileSync(join(media, EXPORT_MANIFEST_FILE), Buffer.concat([bytes, Buffer.from(' ')]))
    await expect(importExportMedia(env.upstream, media)).rejects.toThrow(
      expect.objectContaining({ code: 'bad_signature' }),
    )
    const stranger = testTerminal('stranger')
    writeMedia([buildFile(env.upstream, stranger, IDS[1]!)], stranger)
    await expect(importExportMedia(env.upstream, media)).rejects.toThrow(UpstreamError)
    await expect(importExportMedia(env.upstream, media)).rejects.toThrow(/unregistered_terminal/)
    rmSync(join(media, EXPORT_SIGNATURE_FILE))
    await expect(importExportMedia(env.upstream, media)).rejects.toThrow(/bad_request/)
    expect((await env.upstream.stats()).received).toBe(0)
  })
})
