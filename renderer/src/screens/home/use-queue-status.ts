import { useEffect, useState } from 'react'
import type { KioskClient, QueueStatus, ReplyError } from '../../../../electron/contract'

/** The outbox, sync and freeze state: fetched once, then kept current by `queue.changed`. */
export function useQueueStatus(client: KioskClient): {
  status: QueueStatus | null
  error: ReplyError | null
} {
  const [status, setStatus] = useState<QueueStatus | null>(null)
  const [error, setError] = useState<ReplyError | null>(null)

  useEffect(() => {
    let current = true
    const stop = client.on('queue.changed', (next) => {
      setStatus(next)
      setError(null)
    })
    void client.queue.status({}).then((reply) => {
      if (!current) return
      if (reply.ok) setStatus((seen) => seen ?? reply.value)
      else setError(reply.error)
    })
    return () => {
      current = false
      stop()
    }
  }, [client])

  return { status, error }
}
