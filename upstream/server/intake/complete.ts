import { openPacket, PacketError, parseEnvelope, type OpenedPacket } from '../../../protocol/packet'
import { sha256Hex, signReceipt, type AnnounceRequest, type Receipt } from '../../../protocol'
import type { AuthenticatedTerminal, UpstreamContext } from '../context'
import type { FileRecord } from '../db/files'
import type { UpstreamRepositories } from '../db/store'
import { UpstreamError } from '../errors'
import { announceRecord, ownFile } from './announce'
import { resetBody } from './chunk'
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
  ): Promise<{ receipt: Receipt; duplicate: boolean }>
}

const bodyMismatch = (body: Uint8Array, size: number, sha256: string) =>
  body.byteLength !== size || sha256Hex(body) !== sha256

export function createCompleter(ctx: UpstreamContext): Completer {
  return {
    async complete(terminal, fileId) {
      const record = await ownFile(ctx, terminal, fileId)
      if (record.state !== 'receiving') return duplicateReceipt(ctx.repos, record)
      if (record.receivedOffset < record.size)
        throw new UpstreamError(
          'incomplete_body',
          `${record.receivedOffset} of ${record.size} bytes received`,
          record.receivedOffset,
        )
      const body = await ctx.repos.bodies.read(fileId)
      if (bodyMismatch(body, record.size, record.sha256)) {
        await ctx.store.transaction((repos) => resetBody(repos, fileId))
        throw new UpstreamError('hash_mismatch', 'the body was discarded; upload it again from 0')
      }
      const receipt = await prepareReceipt(ctx, terminal, record, body)
      return ctx.store.durably((repos) => recordReceived(ctx, repos, receipt))
    },

    async completeFromOneChunk(terminal, record, body) {
      if (bodyMismatch(body, record.size, record.sha256))
        throw new UpstreamError('hash_mismatch', 'the body was discarded; upload it again from 0')
      const receipt = await prepareReceipt(ctx, terminal, record, body)
      return ctx.store.durably((repos) => recordReceived(ctx, repos, receipt, body))
    },

    async receiveWhole(terminal, request, body) {
      const record = await announceRecord(ctx, terminal, request, 'import')
      if (record.state !== 'receiving')
        return { receipt: await duplicateReceipt(ctx.repos, record), duplicate: true }
      if (body.byteLength !== request.size)
        throw new UpstreamError(
          'hash_mismatch',
          `${body.byteLength} bytes, announced ${request.size}`,
        )
      if (sha256Hex(body) !== request.sha256)
        throw new UpstreamError('hash_mismatch', 'the body does not match its sha256')
      const receipt = await prepareReceipt(ctx, terminal, record, body)
      const answer = await ctx.store.durably((repos) => recordReceived(ctx, repos, receipt, body))
      return { receipt: answer, duplicate: answer !== receipt.receipt }
    },
  }
}

/** The receipt of a file received before, counted as a duplicate delivery. */
export async function duplicateReceipt(
  repos: Pick<UpstreamRepositories, 'files'>,
  record: FileRecord,
): Promise<Receipt> {
  await repos.files.countDuplicate(record.fileId)
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
async function validateOrForget(
  ctx: UpstreamContext,
  terminal: AuthenticatedTerminal,
  record: FileRecord,
  body: Uint8Array,
): Promise<CheckedFile> {
  try {
    return validate(ctx, terminal, record.fileId, body)
  } catch (error) {
    if (
      error instanceof UpstreamError &&
      (error.code === 'invalid_file' || error.code === 'chip_data_invalid')
    ) {
      await ctx.store.transaction(async (repos) => {
        await repos.files.forgetUpload(record.fileId)
        await repos.bodies.remove(record.fileId)
      })
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

/** A validated file, its receipt signed, ready to be recorded. */
interface SignedReceipt {
  record: FileRecord
  checked: CheckedFile
  receipt: Receipt
}

/**
 * Validates a complete body and signs its receipt, for the caller to record in a durable commit:
 * the receipt promises the file is kept, so it is answered only once that commit is on disk.
 */
async function prepareReceipt(
  ctx: UpstreamContext,
  terminal: AuthenticatedTerminal,
  record: FileRecord,
  body: Uint8Array,
): Promise<SignedReceipt> {
  const checked = await validateOrForget(ctx, terminal, record, body)
  const receipt = signReceipt(
    {
      fileId: record.fileId,
      sha256: record.sha256,
      size: record.size,
      terminalId: record.terminalId,
      receivedAt: ctx.now().toISOString(),
    },
    ctx.keys.signing.privateKey,
    ctx.keys.signing.keyId,
  )
  return { record, checked, receipt }
}

/**
 * Records the file as received (with `body`, when it came whole) and its feed event, unless a
 * parallel complete, in this process or another, recorded it first: the conditional update
 * decides (it locks the row on PostgreSQL), and the loser answers the winner's receipt.
 */
async function recordReceived(
  ctx: UpstreamContext,
  repos: UpstreamRepositories,
  { record, checked, receipt }: SignedReceipt,
  body?: Uint8Array,
): Promise<Receipt> {
  const { fileId, terminalId } = record
  const at = receipt.receivedAt
  const simulated = checked.opened.manifest.simulated
  const chip = checked.chip
  if (!(await repos.files.markReceived(fileId, { receipt, simulated, chip, at }))) {
    const current = await repos.files.get(fileId)
    if (!current || current.state === 'receiving')
      throw new UpstreamError('unknown_file', `${fileId} was purged meanwhile`)
    return duplicateReceipt(repos, current)
  }
  if (body) await repos.bodies.write(fileId, 0, body)
  await repos.statusEvents.append({ terminalId, fileId, state: 'received', reason: null, at })
  ctx.log('file received', { fileId, terminalId, chip: chip.verdict })
  return receipt
}
