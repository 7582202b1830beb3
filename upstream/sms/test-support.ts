import type { DeliveryState } from './delivery-receipt'
import type { PendingSms, SmsQueue } from './sms-sender'

/** An outbox in memory with every call recorded, for the sender's tests. */
export interface MemoryQueue extends SmsQueue {
  notices: Map<number, MemoryNotice>
  /** The receipts that matched a submitted notice, in the order they were applied. */
  receipts: Array<{ messageId: string; state: DeliveryState }>
  /** The ids the sender handed back untried, in order. */
  handedBack: number[]
  /** Resolves at the `count`-th receipt. */
  receiptCount(count: number): Promise<void>
}

export interface MemoryNotice extends PendingSms {
  state: 'pending' | 'submitted' | 'failed'
  nextAt: Date
  messageIds: string[]
  reason: string | null
}

export function memoryQueue(notices: Array<Omit<PendingSms, 'attempts'>>, at: Date): MemoryQueue {
  const byId = new Map<number, MemoryNotice>(
    notices.map((n) => [
      n.id,
      { ...n, attempts: 0, state: 'pending', nextAt: at, messageIds: [], reason: null },
    ]),
  )
  const receipts: MemoryQueue['receipts'] = []
  const handedBack: number[] = []
  const waiters: Array<{ count: number; resolve: () => void }> = []
  const notice = (id: number): MemoryNotice => {
    const found = byId.get(id)
    if (!found) throw new Error(`no notice ${id}`)
    return found
  }
  return {
    notices: byId,
    receipts,
    handedBack,
    async due(when, limit) {
      return [...byId.values()]
        .filter((n) => n.state === 'pending' && n.nextAt.getTime() <= when.getTime())
        .slice(0, limit)
        .map(({ id, phone, text, attempts }) => ({ id, phone, text, attempts }))
    },
    async handBack(ids) {
      handedBack.push(...ids)
    },
    async submitted(id, messageIds) {
      Object.assign(notice(id), { state: 'submitted', messageIds: [...messageIds] })
    },
    async retryLater(id, attempts, nextAt, reason) {
      Object.assign(notice(id), { attempts, nextAt, reason })
    },
    async failed(id, reason) {
      Object.assign(notice(id), { state: 'failed', reason })
    },
    async receipt(messageId, state) {
      const sent = [...byId.values()].some((n) => n.messageIds.includes(messageId))
      if (!sent) return false
      receipts.push({ messageId, state })
      for (const w of waiters.filter((w) => receipts.length >= w.count)) w.resolve()
      return true
    },
    receiptCount(count) {
      if (receipts.length >= count) return Promise.resolve()
      return new Promise((resolve) => waiters.push({ count, resolve }))
    },
  }
}
