import { useCallback, useEffect, useState } from 'react'
import type { KioskClient, QueueStatus, ReplyError } from '../../../../electron/contract'

/**
 * The outbox, sync and freeze state: fetched once, kept current by `queue.changed`, and fetched
 * again on `reload` (the officer's "check again", e.g. after the status could not be read).
 */
export function useQueueStatus(client: KioskClient): {
  status: QueueStatus | null
  error: ReplyError | null
  reload: () => Promise<void>
} {
  const [status, setStatus] = useState<QueueStatus | null>(null)
  const [error, setError] = useState<ReplyError | null>(null)

  const reload = useCallback(async () => {
    const reply = await client.queue.status({})
    if (reply.ok) {
      setStatus(reply.value)
      setError(null)
    } else {
      setError(reply.error)
    }
  }, [client])

  useEffect(() => {
    let current = true
    const stop = client.on('queue.changed', (next) => {
      setStatus(next)
      setError(null)
    })
    void client.queue.status({}).then((reply) => {
      if (!current) return
      // A `queue.changed` that came first is newer than this reply.
      if (reply.ok) setStatus((seen) => seen ?? reply.value)
      else setError(reply.error)
    })
    return () => {
      current = false
      stop()
    }
  }, [client])

  return { status, error, reload }
}
