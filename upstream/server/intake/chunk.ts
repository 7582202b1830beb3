import type { ChunkResponse } from '../../../protocol'
import type { AuthenticatedTerminal, UpstreamContext } from '../context'
import type { UpstreamRepositories } from '../db/store'
import { UpstreamError } from '../errors'
import { ownFile } from './announce'

type Chunk = { fileId: string; offset: number; data: Uint8Array }

/** Drops a file's bytes and sets its offset back to 0 (a body that failed its hash). */
export async function resetBody(
  repos: Pick<UpstreamRepositories, 'bodies' | 'files'>,
  fileId: string,
): Promise<void> {
  await repos.files.setReceivedOffset(fileId, 0)
  await repos.bodies.write(fileId, 0, new Uint8Array(0))
}

/**
 * Stores a chunk at the file's current offset and moves the offset past it, in one transaction.
 * The offset moves first: it locks the file's row (PostgreSQL), so of two processes sending the
 * same chunk one waits and then finds the offset moved (`offset_mismatch`, the kiosk asks where
 * to go on). A body store outside the database (a directory) is written inside the transaction;
 * if the commit then fails, the bytes past the recorded offset are dropped by the next write there.
 */
export function commitChunk(ctx: UpstreamContext, chunk: Chunk): Promise<void> {
  const { fileId, offset, data } = chunk
  return ctx.store.transaction(async (repos) => {
    if (!(await repos.files.advanceReceivedOffset(fileId, offset, offset + data.byteLength))) {
      const current = await repos.files.get(fileId)
      const at = current?.state === 'receiving' ? current.receivedOffset : (current?.size ?? 0)
      throw new UpstreamError('offset_mismatch', `offset ${offset}, expected ${at}`, at)
    }
    await repos.bodies.write(fileId, offset, data)
  })
}

/**
 * One chunk of an upload: it must start where the upstream's copy ends, fit the maximum chunk size
 * and the announced size. A file already received answers as fully received.
 */
export async function writeChunk(
  ctx: UpstreamContext,
  chunk: Chunk & { terminal: AuthenticatedTerminal },
): Promise<ChunkResponse> {
  const { fileId, offset, data } = chunk
  const record = await ownFile(ctx, chunk.terminal, fileId)
  if (record.state !== 'receiving') return { fileId, receivedOffset: record.size }
  const { receivedOffset } = record
  if (offset !== receivedOffset)
    throw new UpstreamError(
      'offset_mismatch',
      `offset ${offset}, expected ${receivedOffset}`,
      receivedOffset,
    )
  if (data.byteLength > ctx.maxChunkSize)
    throw new UpstreamError('chunk_out_of_range', `chunk over ${ctx.maxChunkSize} bytes`)
  if (offset + data.byteLength > record.size)
    throw new UpstreamError(
      'chunk_out_of_range',
      `chunk ends at ${offset + data.byteLength}, past the announced ${record.size} bytes`,
    )
  if (data.byteLength === 0) return { fileId, receivedOffset }
  await commitChunk(ctx, { fileId, offset, data })
  return { fileId, receivedOffset: offset + data.byteLength }
}
