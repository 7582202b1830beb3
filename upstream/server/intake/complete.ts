import { openPacket, PacketError, parseEnvelope, type OpenedPacket } from '../../../protocol/packet'
import { sha256Hex, signReceipt, type AnnounceRequest, type Receipt } from '../../../protocol'
import type { AuthenticatedTerminal, UpstreamContext } from '../context'
import { durably } from '../db/database'
import type { FileRecord } from '../db/files'
import { UpstreamError } from '../errors'
import { announceRecord, ownFile } from './announce'
import type { StoreChunk } from './chunk'
import { verifyChipData, type ChipVerification } from './chip-verification'
import { contentProblems } from './file-content'

type CheckedFile = { opened: OpenedPacket; chip: ChipVerification }

/** Completing an upload, or receiving a whole body at once: validate, sign the receipt, record. */
export interface Completer {
  complete(terminal: AuthenticatedTerminal, fileId: string): Promise<Receipt>
  /**
   * A body that arrived whole, in one chunk asking to complete: checked from the request's bytes,
   * then stored and recorded as received in one durable commit (no read back, one commit fewer).
   */
  completeFromOneChunk(
    terminal: AuthenticatedTerminal,
    record: FileRecord,
    body: Uint8Array,
  ): Promise<Receipt>
  receiveWhole(
    terminal: AuthenticatedTerminal,
    request: AnnounceRequest,
    body: Uint8Array,
  ): { receipt: Receipt; duplicate: boolean }
}

export function createCompleter(ctx: UpstreamContext, storeChunk: StoreChunk): Completer {
  return {
    async complete(terminal, fileId) {
      const record = ownFile(ctx, terminal, fileId)
      if (record.state !== 'receiving') return duplicateReceipt(ctx, record)
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
      return ctx.commitDurably(prepareReceipt(ctx, terminal, record, body))
    },

    async completeFromOneChunk(terminal, record, body) {
      if (body.byteLength !== record.size || sha256Hex(body) !== record.sha256)
        throw new UpstreamError('hash_mismatch', 'the body was discarded; upload it again from 0')
      const recordFile = prepareReceipt(ctx, terminal, record, body)
      return ctx.commitDurably(() => {
        // A parallel upload of the same file may have been recorded first: keep its bytes.
        if (ctx.repos.files.get(record.fileId)?.state === 'receiving')
          storeChunk(record.fileId, 0, body)
        return recordFile()
      })
    },

    receiveWhole(terminal, request, body) {
      const record = announceRecord(ctx, terminal, request, 'import')
      if (record.state !== 'receiving')
        return { receipt: duplicateReceipt(ctx, record), duplicate: true }
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
      const receipt = durably(ctx.db, prepareReceipt(ctx, terminal, record, body))
      return { receipt, duplicate: false }
    },
  }
}

/** The receipt of a file received before, counted as a duplicate delivery. */
export function duplicateReceipt(ctx: UpstreamContext, record: FileRecord): Receipt {
  ctx.repos.files.countDuplicate(record.fileId)
  if (!record.receipt) throw new Error(`file ${record.fileId} has no receipt`)
  return record.receipt
}

/**
 * Decrypts and checks a body; any problem is `invalid_file` with the reason, chip data that fails
 * passive authentication `chip_data_invalid` (see upstream/README.md for why it is refused).
 */
function validate(
  ctx: UpstreamContext,
  terminal: AuthenticatedTerminal,
  fileId: string,
  body: Uint8Array,
): CheckedFile {
  let opened: OpenedPacket
  try {
    const envelope = parseEnvelope(body)
    const { header } = envelope
    if (header.fileId !== fileId)
      throw new UpstreamError('invalid_file', `the file says it is ${header.fileId}`)
    if (header.terminalId !== terminal.record.terminalId)
      throw new UpstreamError('invalid_file', `the file says it comes from ${header.terminalId}`)
    opened = openPacket(envelope, ctx.keys.encryption.privateKey, terminal.publicKey)
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

/** Validates the body; a file that can never complete is forgotten, so its id is not left half-announced. */
function validateOrForget(
  ctx: UpstreamContext,
  terminal: AuthenticatedTerminal,
  record: FileRecord,
  body: Uint8Array,
): CheckedFile {
  try {
    return validate(ctx, terminal, record.fileId, body)
  } catch (error) {
    if (
      error instanceof UpstreamError &&
      (error.code === 'invalid_file' || error.code === 'chip_data_invalid')
    ) {
      ctx.bodies.remove(record.fileId)
      ctx.repos.files.forgetUpload(record.fileId)
      ctx.log('file refused', {
        fileId: record.fileId,
        terminalId: record.terminalId,
        code: error.code,
        reason: error.detail,
      })
    }
    throw error
  }
}

/**
 * Validates a complete body and signs its receipt; returns the write that records the file as
 * received (with its feed event), for the caller to commit durably: the receipt promises the
 * file is kept, so it is answered only once that commit is on disk.
 */
function prepareReceipt(
  ctx: UpstreamContext,
  terminal: AuthenticatedTerminal,
  record: FileRecord,
  body: Uint8Array,
): () => Receipt {
  const checked = validateOrForget(ctx, terminal, record, body)
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
  return () => recordReceived(ctx, record, checked, receipt)
}

/** Records the file as received with its feed event, unless a parallel complete already did. */
function recordReceived(
  ctx: UpstreamContext,
  record: FileRecord,
  { opened, chip }: CheckedFile,
  receipt: Receipt,
): Receipt {
  const { files, statusEvents } = ctx.repos
  // A parallel complete of the same file may have been committed first in this batch.
  const current = files.get(record.fileId)
  if (current?.state !== 'receiving') return current ? duplicateReceipt(ctx, current) : receipt
  const at = receipt.receivedAt
  files.markReceived(record.fileId, { receipt, simulated: opened.manifest.simulated, chip, at })
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
