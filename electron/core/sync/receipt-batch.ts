import { messageRef } from '../../../lib/messages'
import type { KeyObject } from 'node:crypto'
import { verifyReceipt, type Receipt } from '../../../protocol'
import { publicKeyFromBase64 } from '../../../protocol/packet'
import type { QueueEntry, TerminalRegistration } from '../store'
import type { SyncServiceDeps } from './sync-types'
import { UpstreamRequestError } from './upstream-error'

/** Verified receipts waiting to be committed together. */
export interface ReceiptBatch {
  /** Verifies the receipt for this file and holds it; throws a permanent error if it does not verify. */
  hold(registration: TerminalRegistration, entry: QueueEntry, receipt: Receipt): void
  pending(): number
  /** Commits every held receipt (receipt row, file sent, audit) in one transaction. */
  flush(): void
}

type HeldReceipt = { entry: QueueEntry; receipt: Receipt }

export function createReceiptBatch(
  deps: Pick<SyncServiceDeps, 'db' | 'queue' | 'receipts' | 'audit' | 'now'>,
): ReceiptBatch {
  let signingKey: { keyId: string; key: KeyObject } | null = null
  const upstreamSigningKey = (registration: TerminalRegistration): KeyObject => {
    if (signingKey?.keyId !== registration.signingKeyId)
      signingKey = {
        keyId: registration.signingKeyId,
        key: publicKeyFromBase64(registration.signingPublicKey),
      }
    return signingKey.key
  }

  // Verified receipts wait here and commit together (one disk sync for several files). Losing
  // them in a crash costs nothing: the next announce answers `complete` with the same receipt.
  let held: HeldReceipt[] = []
  const commit = deps.db.transaction((batch: HeldReceipt[], at: string): void => {
    for (const { entry, receipt } of batch) {
      deps.receipts.insert(receipt, at)
      deps.queue.markSent(entry.fileId, at)
      deps.audit.append({
        actor: 'system',
        action: 'file.sent',
        subject: entry.fileId,
        details: { receivedAt: receipt.receivedAt, keyId: receipt.keyId },
      })
    }
  })

  return {
    hold(registration, entry, receipt) {
      const valid =
        receipt.terminalId === registration.terminalId &&
        verifyReceipt(receipt, upstreamSigningKey(registration), {
          fileId: entry.fileId,
          sha256: entry.sha256,
          size: entry.size,
        })
      if (!valid)
        throw new UpstreamRequestError('protocol', 'permanent', {
          text: messageRef('messages.sync.badReceipt'),
        })
      held.push({ entry, receipt })
    },
    pending: () => held.length,
    flush() {
      if (held.length === 0) return
      const batch = held
      held = []
      commit.immediate(batch, deps.now().toISOString())
    },
  }
}
