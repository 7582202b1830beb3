import { useState } from 'react'
import type { Reply, ReplyError } from '../../../../electron/contract'

/** One form's request: busy while it runs, its error kept for the ErrorNotice. */
export function useSubmit<T>(onDone: (value: T) => void) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ReplyError | null>(null)
  const run = async (request: () => Promise<Reply<T>>) => {
    setBusy(true)
    const reply = await request()
    setBusy(false)
    if (reply.ok) {
      setError(null)
      onDone(reply.value)
    } else {
      setError(reply.error)
    }
  }
  return { busy, error, setError, run }
}
