import { useCallback, useEffect, useState } from 'react'
import type { KioskClient, QueueItem, ReplyError } from '../../../../electron/contract'

export const QUEUE_PAGE_SIZE = 10

/**
 * One page of the outbox, newest first, paged by submission time (the core's keyset paging). The
 * page is fetched again whenever `version` changes (the queue changed in the core).
 */
export function useQueuePage(client: KioskClient, version: unknown) {
  // cursors[i] is the `before` of page i; page 0 has none.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined])
  const [items, setItems] = useState<QueueItem[] | null>(null)
  const [hasOlder, setHasOlder] = useState(false)
  const [error, setError] = useState<ReplyError | null>(null)
  const page = cursors.length - 1
  const before = cursors[page]

  useEffect(() => {
    let current = true
    // One more than a page tells whether an older page exists.
    const query = { limit: QUEUE_PAGE_SIZE + 1, ...(before ? { before } : {}) }
    void client.queue.list(query).then((reply) => {
      if (!current) return
      if (!reply.ok) return setError(reply.error)
      setError(null)
      setItems(reply.value.slice(0, QUEUE_PAGE_SIZE))
      setHasOlder(reply.value.length > QUEUE_PAGE_SIZE)
    })
    return () => {
      current = false
    }
  }, [client, before, version])

  const older = useCallback(() => {
    const last = items?.at(-1)
    if (last) setCursors((list) => [...list, last.submittedAt])
  }, [items])
  const newer = useCallback(() => setCursors((list) => list.slice(0, -1)), [])

  return { items, error, page, hasOlder, hasNewer: page > 0, older, newer }
}
