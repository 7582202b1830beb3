import type { KeyObject } from 'node:crypto'
import type { AuditLog } from '../audit'
import {
  buildPacket,
  publicKeyFromBase64,
  type KeyPair,
  type ManifestApproval,
  type PacketPartInput,
  type RandomBytes,
} from '../../../protocol/packet'
import type { QueueRepository, SqliteDatabase, TerminalRegistration } from '../store'
import type { FreezeReason } from './freeze'
import type { Outbox } from './outbox'

export interface SubmitInput {
  officerId: string
  supervisorId?: string
  /** Supervisor approvals of exceptions: into the signed manifest. */
  approvals?: readonly ManifestApproval[]
  /** When the officer started this enrollment (ISO). */
  startedAt: string
  parts: readonly PacketPartInput[]
  simulated: boolean
}

export interface SubmitResult {
  fileId: string
  sha256: string
  size: number
  submittedAt: string
}

/** Submit refused by a freeze rule; the reason is bilingual and shown as is. */
export class SubmitRefusedError extends Error {
  /** No placeholders: the figures are in the English detail of the message. */
  readonly params = {}

  constructor(readonly reason: FreezeReason) {
    super(reason.message)
    this.name = 'SubmitRefusedError'
  }

  /** The sentence of the freeze rule in the catalogue. */
  get messageKey(): string {
    return `messages.freeze.${this.reason.code}`
  }
}

export interface SubmitterDeps {
  db: SqliteDatabase
  queue: QueueRepository
  audit: AuditLog
  outbox: Outbox
  terminal: KeyPair
  stationId: string
  software: { name: string; version: string }
  registration(): TerminalRegistration | undefined
  freeze(): FreezeReason | null
  now(): Date
  randomBytes: RandomBytes
  randomId(): string
}

export type Submit = (input: SubmitInput) => SubmitResult

/**
 * Submit as one unit: the signed, encrypted body is written and fsynced to the outbox, then the
 * queue row and the audit entry commit in one SQLite transaction. A crash before the commit leaves
 * only an orphan body (swept on a later start); after it, the file is queued for good.
 */
export function createSubmitter(deps: SubmitterDeps): Submit {
  let upstreamKey: { keyId: string; key: KeyObject } | null = null
  const record = deps.db.transaction(
    (entry: Parameters<QueueRepository['insert']>[0], parts: number) => {
      deps.queue.insert(entry)
      deps.audit.append({
        actor: entry.officerId,
        action: 'file.submitted',
        subject: entry.fileId,
        details: { size: entry.size, sha256: entry.sha256, parts, simulated: entry.simulated },
      })
    },
  )

  return (input) => {
    const frozen = deps.freeze()
    if (frozen) throw new SubmitRefusedError(frozen)
    const registration = deps.registration()
    if (!registration) throw new Error('freeze rules let an unregistered station submit')
    if (upstreamKey?.keyId !== registration.encryptionKeyId)
      upstreamKey = {
        keyId: registration.encryptionKeyId,
        key: publicKeyFromBase64(registration.encryptionPublicKey),
      }

    const fileId = deps.randomId()
    const submittedAt = deps.now().toISOString()
    const packet = buildPacket(
      {
        fileId,
        terminalId: registration.terminalId,
        stationId: deps.stationId,
        officerId: input.officerId,
        ...(input.supervisorId !== undefined ? { supervisorId: input.supervisorId } : {}),
        ...(input.approvals?.length ? { approvals: input.approvals } : {}),
        startedAt: input.startedAt,
        submittedAt,
        software: deps.software,
        simulated: input.simulated,
        parts: input.parts,
      },
      {
        terminalPrivateKey: deps.terminal.privateKey,
        terminalPublicKey: deps.terminal.publicKey,
        upstreamPublicKey: upstreamKey.key,
      },
      deps.randomBytes,
    )
    deps.outbox.write(fileId, packet.body)
    try {
      record.immediate(
        {
          fileId,
          sha256: packet.sha256,
          size: packet.size,
          upstreamKeyId: registration.encryptionKeyId,
          officerId: input.officerId,
          simulated: input.simulated,
          submittedAt,
        },
        input.parts.length,
      )
    } catch (error) {
      deps.outbox.remove(fileId)
      throw error
    }
    return { fileId, sha256: packet.sha256, size: packet.size, submittedAt }
  }
}
