import { useCallback, useState } from 'react'
import type {
  EnrollmentIntent,
  EnrollmentView,
  KioskClient,
  Reply,
  ReplyError,
} from '../../../../electron/contract'

/** The enrollment as the core answered it last, and the officer's actions on it. */
export interface EnrollmentApi {
  view: EnrollmentView
  busy: boolean
  /** The last refused request: the view is unchanged (the core keeps the state as it was). */
  error: ReplyError | null
  clearError(): void
  /** Sends one intent; true when the core accepted it (the view is then the new one). */
  send(intent: EnrollmentIntent): Promise<boolean>
  /** Fetches the view again (after an approval, whose effect the core computes). */
  refresh(): Promise<void>
  cancel(): Promise<boolean>
  finish(): Promise<boolean>
}

/**
 * Holds the view the core answered and sends the officer's intents. A refused intent keeps the
 * view as it was and keeps the error for the ErrorNotice; `onGone` is told when the enrollment
 * ended (cancelled, finished, or no longer on the core).
 */
export function useEnrollment(
  client: KioskClient,
  initial: EnrollmentView,
  onGone: () => void,
): EnrollmentApi {
  const [view, setView] = useState(initial)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ReplyError | null>(null)

  const send = useCallback(
    async (intent: EnrollmentIntent) => {
      setBusy(true)
      const reply = await client.enrollment.intent(intent)
      setBusy(false)
      if (!reply.ok) {
        setError(reply.error)
        return false
      }
      setError(null)
      setView(reply.value)
      return true
    },
    [client],
  )
  const refresh = useCallback(async () => {
    const reply = await client.enrollment.current({})
    if (!reply.ok) return setError(reply.error)
    if (reply.value) setView(reply.value)
    else onGone()
  }, [client, onGone])
  const end = useCallback(
    async (request: () => Promise<Reply<unknown>>) => {
      setBusy(true)
      const reply = await request()
      setBusy(false)
      if (!reply.ok) {
        setError(reply.error)
        return false
      }
      onGone()
      return true
    },
    [onGone],
  )
  return {
    view,
    busy,
    error,
    clearError: () => setError(null),
    send,
    refresh,
    cancel: () => end(() => client.enrollment.cancel({})),
    finish: () => end(() => client.enrollment.finish({})),
  }
}
