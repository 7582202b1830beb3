import type { AnnounceRequest, FileStatus } from '../../../protocol'
import type { AuthenticatedTerminal, UpstreamContext } from '../context'
import type { FileRecord } from '../db/files'
import { UpstreamError } from '../errors'

export type IntakeSource = 'upload' | 'import'

/** Where a file stands, as the sync API answers it. */
export function statusOf(record: FileRecord): FileStatus {
  if (record.state === 'receiving')
    return {
      fileId: record.fileId,
      state: 'receiving',
      size: record.size,
      receivedOffset: record.receivedOffset,
    }
  if (!record.receipt) throw new Error(`file ${record.fileId} has no receipt`)
  return {
    fileId: record.fileId,
    state: 'complete',
    size: record.size,
    receivedOffset: record.size,
    receipt: record.receipt,
  }
}

/** The file, if this terminal announced it; another terminal's file is as good as unknown. */
export async function ownFile(
  ctx: UpstreamContext,
  terminal: AuthenticatedTerminal,
  fileId: string,
): Promise<FileRecord> {
  const record = await ctx.repos.files.get(fileId)
  if (!record || record.terminalId !== terminal.record.terminalId)
    throw new UpstreamError('unknown_file', fileId)
  return record
}

/**
 * Records an announced file, or returns the record an earlier announce of the same content made
 * (in this process or another: the insert does nothing when the id is there); the same id with
 * other content (or from another terminal) is a conflict.
 */
export async function announceRecord(
  ctx: UpstreamContext,
  terminal: AuthenticatedTerminal,
  request: AnnounceRequest,
  source: IntakeSource,
): Promise<FileRecord> {
  const { files } = ctx.repos
  if (request.size > ctx.maxFileSize)
    throw new UpstreamError('file_too_large', `${request.size} > ${ctx.maxFileSize} bytes`)
  const existing =
    (await files.get(request.fileId)) ??
    (await files
      .announce({
        fileId: request.fileId,
        terminalId: terminal.record.terminalId,
        sha256: request.sha256,
        size: request.size,
        source,
        at: ctx.now().toISOString(),
      })
      .then(() => files.get(request.fileId)))
  if (!existing) throw new Error('announced file vanished')
  if (
    existing.terminalId !== terminal.record.terminalId ||
    existing.sha256 !== request.sha256 ||
    existing.size !== request.size
  )
    throw new UpstreamError('file_conflict', `${request.fileId} was announced with other content`)
  return existing
}
