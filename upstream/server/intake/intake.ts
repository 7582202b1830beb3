import { openPacket, type OpenedPacket } from '../../../protocol/packet'
import type { AnnounceRequest, ChunkResponse, FileStatus, Receipt } from '../../../protocol'
import type { AuthenticatedTerminal, UpstreamContext } from '../context'
import type { FileRecord } from '../db/files'
import { UpstreamError } from '../errors'
import { announceRecord, ownFile, statusOf } from './announce'
import { writeChunk } from './chunk'
import { createCompleter } from './complete'
import { createUploadLimits } from './upload-limits'

export type { IntakeSource } from './announce'

export interface Intake {
  /** Announce: records the file, or answers where an earlier announce got to. */
  announce(terminal: AuthenticatedTerminal, request: AnnounceRequest): Promise<FileStatus>
  status(terminal: AuthenticatedTerminal, fileId: string): Promise<FileStatus>
  writeChunk(
    terminal: AuthenticatedTerminal,
    fileId: string,
    offset: number,
    data: Uint8Array,
  ): Promise<ChunkResponse>
  /**
   * A chunk sent as the file's last (`complete=1`): stored, then, when the file has all its bytes,
   * completed as `complete` would, the receipt in the answer (answered once its commit is synced).
   */
  writeLastChunk(
    terminal: AuthenticatedTerminal,
    chunk: { fileId: string; offset: number; data: Uint8Array },
  ): Promise<ChunkResponse>
  complete(terminal: AuthenticatedTerminal, fileId: string): Promise<Receipt>
  /** A whole body at once (export media): announce, store, complete. */
  receiveWhole(
    terminal: AuthenticatedTerminal,
    request: AnnounceRequest,
    body: Uint8Array,
  ): Promise<{ receipt: Receipt; duplicate: boolean }>
  /** Decrypts and checks a received file again, for review. */
  open(fileId: string): Promise<OpenedPacket>
  /** Purges unfinished uploads past their expiry (the periodic pass); how many. */
  purgeExpiredUploads(): Promise<number>
}

/** A chunk that is the whole body of a file still waiting for its first byte (the usual case). */
function isWholeBody(
  ctx: UpstreamContext,
  record: FileRecord,
  chunk: { offset: number; data: Uint8Array },
): boolean {
  return (
    record.state === 'receiving' &&
    record.receivedOffset === 0 &&
    chunk.offset === 0 &&
    chunk.data.byteLength === record.size &&
    record.size <= ctx.maxChunkSize
  )
}

/** The sync API's file intake: announce (announce.ts), chunks (chunk.ts), complete (complete.ts). */
export function createIntake(ctx: UpstreamContext): Intake {
  const { files } = ctx.repos
  const completer = createCompleter(ctx)
  const uploadLimits = createUploadLimits(ctx)

  return {
    async announce(terminal, request) {
      // A new file within the size limit takes quota (announceRecord refuses one over it).
      if (request.size <= ctx.maxFileSize && !(await files.get(request.fileId)))
        await uploadLimits.admit(terminal.record.terminalId, request.size)
      const record = await announceRecord(ctx, terminal, request, 'upload')
      // Only an existing file can be past `receiving`: announcing it again is a duplicate.
      if (record.state !== 'receiving') await files.countDuplicate(record.fileId)
      return statusOf(record)
    },
    status: async (terminal, fileId) => statusOf(await ownFile(ctx, terminal, fileId)),
    writeChunk: (terminal, fileId, offset, data) =>
      writeChunk(ctx, { terminal, fileId, offset, data }),
    async writeLastChunk(terminal, chunk) {
      const record = await ownFile(ctx, terminal, chunk.fileId)
      if (isWholeBody(ctx, record, chunk)) {
        const receipt = await completer.completeFromOneChunk(terminal, record, chunk.data)
        return { fileId: record.fileId, receivedOffset: record.size, receipt }
      }
      const answer = await writeChunk(ctx, { terminal, ...chunk })
      if (answer.receivedOffset < record.size) return answer
      return { ...answer, receipt: await completer.complete(terminal, chunk.fileId) }
    },
    complete: (terminal, fileId) => completer.complete(terminal, fileId),
    receiveWhole: (terminal, request, body) => completer.receiveWhole(terminal, request, body),
    async open(fileId) {
      const record = await files.get(fileId)
      if (!record || record.state === 'receiving') throw new UpstreamError('not_found', fileId)
      // The terminal's signature was checked on receipt (and the terminal may have re-keyed
      // since): here only decryption and the part hashes are checked again.
      return openPacket(await ctx.repos.bodies.read(fileId), ctx.keys.encryption.privateKey)
    },
    purgeExpiredUploads: () => uploadLimits.purgeExpired(),
  }
}
