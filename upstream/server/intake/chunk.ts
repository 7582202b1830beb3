import type { ChunkResponse } from '../../../protocol'
import type { AuthenticatedTerminal, UpstreamContext } from '../context'
import { UpstreamError } from '../errors'
import { ownFile } from './announce'

/** Writes `data` at `offset` and sets the file's received offset to its end, in one transaction. */
export type StoreChunk = (fileId: string, offset: number, data: Uint8Array) => void

/** A chunk and the offset it brings the file to, committed together (empty data: reset to `offset`). */
export function createChunkStore(ctx: UpstreamContext): StoreChunk {
  return ctx.db.transaction((fileId: string, offset: number, data: Uint8Array) => {
    ctx.bodies.write(fileId, offset, data)
    ctx.repos.files.setReceivedOffset(fileId, offset + data.byteLength)
  })
}

/**
 * One chunk of an upload: it must start where the upstream's copy ends, fit the maximum chunk size
 * and the announced size. A file already received answers as fully received.
 */
export function writeChunk(
  ctx: UpstreamContext,
  storeChunk: StoreChunk,
  chunk: { terminal: AuthenticatedTerminal; fileId: string; offset: number; data: Uint8Array },
): ChunkResponse {
  const { fileId, offset, data } = chunk
  const record = ownFile(ctx, chunk.terminal, fileId)
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
  storeChunk(fileId, offset, data)
  return { fileId, receivedOffset: offset + data.byteLength }
}
