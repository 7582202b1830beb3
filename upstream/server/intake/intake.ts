import { openPacket, type OpenedPacket } from '../../../protocol/packet'
import type { AnnounceRequest, ChunkResponse, FileStatus, Receipt } from '../../../protocol'
import type { AuthenticatedTerminal, UpstreamContext } from '../context'
import type { FileRecord } from '../db/files'
import { UpstreamError } from '../errors'
import { announceRecord, ownFile, statusOf } from './announce'
import { createChunkStore, writeChunk } from './chunk'
import { createCompleter } from './complete'
import { createUploadLimits } from './upload-limits'

export type { IntakeSource } from './announce'

export interface Intake {
  /** Announce: records the file, or answers where an earlier announce got to. */
  announce(terminal: AuthenticatedTerminal, request: AnnounceRequest): FileStatus
  status(terminal: AuthenticatedTerminal, fileId: string): FileStatus
  writeChunk(
    terminal: AuthenticatedTerminal,
    fileId: string,
    offset: number,
    data: Uint8Array,
  ): ChunkResponse
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
  ): { receipt: Receipt; duplicate: boolean }
  /** Decrypts and checks a received file again, for review. */
  open(fileId: string): OpenedPacket
  /** Purges unfinished uploads past their expiry (the periodic pass); how many. */
  purgeExpiredUploads(): number
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
  const storeChunk = createChunkStore(ctx)
  const completer = createCompleter(ctx, storeChunk)
  const uploadLimits = createUploadLimits(ctx)

  return {
    announce(terminal, request) {
      // A new file within the size limit takes quota (announceRecord refuses one over it).
      if (request.size <= ctx.maxFileSize && !files.get(request.fileId))
        uploadLimits.admit(terminal.record.terminalId, request.size)
      const record = announceRecord(ctx, terminal, request, 'upload')
      // Only an existing file can be past `receiving`: announcing it again is a duplicate.
      if (record.state !== 'receiving') files.countDuplicate(record.fileId)
      return statusOf(record)
    },
    status: (terminal, fileId) => statusOf(ownFile(ctx, terminal, fileId)),
    writeChunk: (terminal, fileId, offset, data) =>
      writeChunk(ctx, storeChunk, { terminal, fileId, offset, data }),
    async writeLastChunk(terminal, chunk) {
      const record = ownFile(ctx, terminal, chunk.fileId)
      if (isWholeBody(ctx, record, chunk)) {
        const receipt = await completer.completeFromOneChunk(terminal, record, chunk.data)
        return { fileId: record.fileId, receivedOffset: record.size, receipt }
      }
      const answer = writeChunk(ctx, storeChunk, { terminal, ...chunk })
      if (answer.receivedOffset < record.size) return answer
      return { ...answer, receipt: await completer.complete(terminal, chunk.fileId) }
    },
    complete: (terminal, fileId) => completer.complete(terminal, fileId),
    receiveWhole: (terminal, request, body) => completer.receiveWhole(terminal, request, body),
    open(fileId) {
      const record = files.get(fileId)
      if (!record || record.state === 'receiving') throw new UpstreamError('not_found', fileId)
      // The terminal's signature was checked on receipt (and the terminal may have re-keyed
      // since): here only decryption and the part hashes are checked again.
      return openPacket(ctx.bodies.read(fileId), ctx.keys.encryption.privateKey)
    },
    purgeExpiredUploads: () => uploadLimits.purgeExpired(),
  }
}
