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
export function ownFile(
  ctx: UpstreamContext,
  terminal: AuthenticatedTerminal,
  fileId: string,
): FileRecord {
  const record = ctx.repos.files.get(fileId)
  if (!record || record.terminalId !== terminal.record.terminalId)
    throw new UpstreamError('unknown_file', fileId)
  return record
}

/**
 * Records an announced file, or returns the record an earlier announce of the same content made;
 * the same id with other content (or from another terminal) is a conflict.
 */
export function announceRecord(
  ctx: UpstreamContext,
  terminal: AuthenticatedTerminal,
  request: AnnounceRequest,
  source: IntakeSource,
): FileRecord {
  const { files } = ctx.repos
  if (request.size > ctx.maxFileSize)
    throw new UpstreamError('file_too_large', `${request.size} > ${ctx.maxFileSize} bytes`)
  const existing = files.get(request.fileId)
  if (existing) {
    if (
      existing.terminalId !== terminal.record.terminalId ||
      existing.sha256 !== request.sha256 ||
      existing.size !== request.size
    )
      throw new UpstreamError('file_conflict', `${request.fileId} was announced with other content`)
    return existing
  }
  files.announce({
    fileId: request.fileId,
    terminalId: terminal.record.terminalId,
    sha256: request.sha256,
    size: request.size,
    source,
    at: ctx.now().toISOString(),
  })
  const created = files.get(request.fileId)
  if (!created) throw new Error('announced file vanished')
  return created
}
