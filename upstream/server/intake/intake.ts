import {
  openPacket,
  PacketError,
  readPacketHeader,
  type OpenedPacket,
} from '../../../protocol/packet'
import {
  sha256Hex,
  signReceipt,
  type AnnounceRequest,
  type ChunkResponse,
  type FileStatus,
  type Receipt,
} from '../../../protocol'
import type { AuthenticatedTerminal, UpstreamContext } from '../context'
import { durably } from '../db/database'
import type { FileRecord } from '../db/files'
import { UpstreamError } from '../errors'
import { verifyChipData, type ChipVerification } from './chip-verification'
import { contentProblems } from './file-content'

export type IntakeSource = 'upload' | 'import'

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
  complete(terminal: AuthenticatedTerminal, fileId: string): Promise<Receipt>
  /** A whole body at once (export media): announce, store, complete. */
  receiveWhole(
    terminal: AuthenticatedTerminal,
    request: AnnounceRequest,
    body: Uint8Array,
  ): { receipt: Receipt; duplicate: boolean }
  /** Decrypts and checks a received file again, for review. */
  open(fileId: string): OpenedPacket
}

function statusOf(record: FileRecord): FileStatus {
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

export function createIntake(ctx: UpstreamContext): Intake {
  const { files, statusEvents } = ctx.repos

  /** The file, if this terminal announced it; another terminal's file is as good as unknown. */
  function ownFile(terminal: AuthenticatedTerminal, fileId: string): FileRecord {
    const record = files.get(fileId)
    if (!record || record.terminalId !== terminal.record.terminalId)
      throw new UpstreamError('unknown_file', fileId)
    return record
  }

  function announceRecord(
    terminal: AuthenticatedTerminal,
    request: AnnounceRequest,
    source: IntakeSource,
  ): FileRecord {
    if (request.size > ctx.maxFileSize)
      throw new UpstreamError('file_too_large', `${request.size} > ${ctx.maxFileSize} bytes`)
    const existing = files.get(request.fileId)
    if (existing) {
      if (
        existing.terminalId !== terminal.record.terminalId ||
        existing.sha256 !== request.sha256 ||
        existing.size !== request.size
      )
        throw new UpstreamError(
          'file_conflict',
          `${request.fileId} was announced with other content`,
        )
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

  /**
   * Decrypts and checks a body; any problem is `invalid_file` with the reason, chip data that fails
   * passive authentication `chip_data_invalid` (see upstream/README.md for why it is refused).
   */
  function validate(
    terminal: AuthenticatedTerminal,
    fileId: string,
    body: Uint8Array,
  ): { opened: OpenedPacket; chip: ChipVerification } {
    let opened: OpenedPacket
    try {
      const header = readPacketHeader(body)
      if (header.fileId !== fileId)
        throw new UpstreamError('invalid_file', `the file says it is ${header.fileId}`)
      if (header.terminalId !== terminal.record.terminalId)
        throw new UpstreamError('invalid_file', `the file says it comes from ${header.terminalId}`)
      opened = openPacket(body, ctx.keys.encryption.privateKey, terminal.publicKey)
    } catch (error) {
      if (error instanceof PacketError) throw new UpstreamError('invalid_file', error.message)
      throw error
    }
    const problems = contentProblems(opened)
    if (problems.length) throw new UpstreamError('invalid_file', problems.join('; '))
    const chip = verifyChipData(opened, ctx.chipTrust)
    if (chip.verdict === 'invalid')
      throw new UpstreamError('chip_data_invalid', chip.reason ?? 'passive authentication failed')
    return { opened, chip }
  }

  /**
   * Validates a complete body and signs its receipt; returns the write that records the file as
   * received (with its feed event), for the caller to commit durably: the receipt promises the
   * file is kept, so it is answered only once that commit is on disk.
   */
  function prepareReceipt(
    terminal: AuthenticatedTerminal,
    record: FileRecord,
    body: Uint8Array,
  ): () => Receipt {
    let checked: { opened: OpenedPacket; chip: ChipVerification }
    try {
      checked = validate(terminal, record.fileId, body)
    } catch (error) {
      if (
        error instanceof UpstreamError &&
        (error.code === 'invalid_file' || error.code === 'chip_data_invalid')
      ) {
        // It can never complete: forget it so the id does not stay half-announced.
        ctx.bodies.remove(record.fileId)
        files.forgetUpload(record.fileId)
        ctx.log('file refused', {
          fileId: record.fileId,
          terminalId: record.terminalId,
          code: error.code,
          reason: error.detail,
        })
      }
      throw error
    }
    const { opened, chip } = checked
    const at = ctx.now().toISOString()
    const receipt = signReceipt(
      {
        fileId: record.fileId,
        sha256: record.sha256,
        size: record.size,
        terminalId: record.terminalId,
        receivedAt: at,
      },
      ctx.keys.signing.privateKey,
      ctx.keys.signing.keyId,
    )
    return () => {
      // A parallel complete of the same file may have been committed first in this batch.
      const current = files.get(record.fileId)
      if (current?.state !== 'receiving') return current ? duplicateReceipt(current) : receipt
      files.markReceived(record.fileId, {
        receipt,
        simulated: opened.manifest.simulated,
        chip,
        at,
      })
      statusEvents.append({
        terminalId: record.terminalId,
        fileId: record.fileId,
        state: 'received',
        reason: null,
        at,
      })
      ctx.log('file received', {
        fileId: record.fileId,
        terminalId: record.terminalId,
        chip: chip.verdict,
      })
      return receipt
    }
  }

  /** A chunk and the offset it brings the file to, committed together (empty data: reset to `offset`). */
  const storeChunk = ctx.db.transaction((fileId: string, offset: number, data: Uint8Array) => {
    ctx.bodies.write(fileId, offset, data)
    files.setReceivedOffset(fileId, offset + data.byteLength)
  })

  function duplicateReceipt(record: FileRecord): Receipt {
    files.countDuplicate(record.fileId)
    if (!record.receipt) throw new Error(`file ${record.fileId} has no receipt`)
    return record.receipt
  }

  return {
    announce(terminal, request) {
      const record = announceRecord(terminal, request, 'upload')
      // Only an existing file can be past `receiving`: announcing it again is a duplicate.
      if (record.state !== 'receiving') files.countDuplicate(record.fileId)
      return statusOf(record)
    },

    status: (terminal, fileId) => statusOf(ownFile(terminal, fileId)),

    writeChunk(terminal, fileId, offset, data) {
      const record = ownFile(terminal, fileId)
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
    },

    async complete(terminal, fileId) {
      const record = ownFile(terminal, fileId)
      if (record.state !== 'receiving') return duplicateReceipt(record)
      if (record.receivedOffset < record.size)
        throw new UpstreamError(
          'incomplete_body',
          `${record.receivedOffset} of ${record.size} bytes received`,
          record.receivedOffset,
        )
      const body = ctx.bodies.read(fileId)
      if (body.byteLength !== record.size || sha256Hex(body) !== record.sha256) {
        storeChunk(fileId, 0, new Uint8Array(0))
        throw new UpstreamError('hash_mismatch', 'the body was discarded; upload it again from 0')
      }
      return ctx.commitDurably(prepareReceipt(terminal, record, body))
    },

    receiveWhole(terminal, request, body) {
      const record = announceRecord(terminal, request, 'import')
      if (record.state !== 'receiving')
        return { receipt: duplicateReceipt(record), duplicate: true }
      if (body.byteLength !== request.size)
        throw new UpstreamError(
          'hash_mismatch',
          `${body.byteLength} bytes, announced ${request.size}`,
        )
      if (sha256Hex(body) !== request.sha256) {
        storeChunk(request.fileId, 0, new Uint8Array(0))
        throw new UpstreamError('hash_mismatch', 'the body does not match its sha256')
      }
      storeChunk(request.fileId, 0, body)
      // Imports run one file at a time: each commits durably on its own.
      return { receipt: durably(ctx.db, prepareReceipt(terminal, record, body)), duplicate: false }
    },

    open(fileId) {
      const record = files.get(fileId)
      if (!record || record.state === 'receiving') throw new UpstreamError('not_found', fileId)
      // The terminal's signature was checked on receipt (and the terminal may have re-keyed
      // since): here only decryption and the part hashes are checked again.
      return openPacket(ctx.bodies.read(fileId), ctx.keys.encryption.privateKey)
    },
  }
}
