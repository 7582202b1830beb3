import { useCallback, useEffect, useState } from 'react'
import {
  fingerNames,
  type Approval,
  type FingerName,
  type FingerprintDuplicateEvent,
  type FingerprintPhase,
  type FingerprintSession,
  type FingerState,
  type KioskClient,
  type MissingFingerReason,
  type Reply,
  type ReplyError,
} from '../../../../electron/contract'

export interface FingerPreview {
  finger: FingerName
  src: string
  width: number
  height: number
}

/** A missing finger declared and waiting for the supervisor's approval (the dialog is open). */
export interface AwaitingApproval {
  finger: FingerName
  reason: MissingFingerReason
}

export interface FingerprintFlow {
  session: FingerprintSession | null
  selected: FingerName
  select(finger: FingerName): void
  /** Moves the selection by `delta` fingers in ISO order (arrow keys). */
  move(delta: number): void
  capturing: boolean
  phase: FingerprintPhase | null
  preview: FingerPreview | null
  error: ReplyError | null
  duplicate: FingerprintDuplicateEvent | null
  awaiting: AwaitingApproval | null
  capture(): void
  cancel(): void
  /** Drops the finger's captures and takes it again (after a duplicate warning). */
  recapture(finger: FingerName): void
  declareMissing(reason: MissingFingerReason): void
  approvalClosed(approval: Approval | null): void
  withdrawMissing(finger: FingerName): void
}

/** The capture's live events for this window: phase, preview frames, duplicate warnings. */
function useFingerprintEvents(client: KioskClient) {
  const [phase, setPhase] = useState<FingerprintPhase | null>(null)
  const [preview, setPreview] = useState<FingerPreview | null>(null)
  const [duplicate, setDuplicate] = useState<FingerprintDuplicateEvent | null>(null)
  useEffect(() => {
    const stops = [
      client.on('fingerprint.progress', (p) => setPhase(p.phase)),
      client.on('fingerprint.preview', (p) =>
        setPreview({
          finger: p.finger,
          src: `data:image/png;base64,${p.pngBase64}`,
          width: p.width,
          height: p.height,
        }),
      ),
      client.on('fingerprint.duplicate', setDuplicate),
    ]
    return () => stops.forEach((stop) => stop())
  }, [client])
  return { phase, setPhase, preview, setPreview, duplicate, setDuplicate }
}

type Act = (
  request: () => Promise<Reply<FingerState>>,
  follow?: boolean,
) => Promise<Reply<FingerState>>

/**
 * Declaring a finger missing: the core answers E_APPROVAL_REQUIRED until the officer holds a
 * supervisor's 'missing-finger' approval, so the dialog opens, and the declaration is sent again
 * once it is granted.
 */
function useMissingApproval(client: KioskClient, act: Act, selected: FingerName) {
  const [awaiting, setAwaiting] = useState<AwaitingApproval | null>(null)
  const declareMissing = (reason: MissingFingerReason) => {
    const finger = selected
    void act(() => client.fingerprint.markMissing({ finger, reason }), true).then((reply) => {
      if (!reply.ok && reply.error.code === 'E_APPROVAL_REQUIRED') setAwaiting({ finger, reason })
    })
  }
  const approvalClosed = (approval: Approval | null) => {
    const pending = awaiting
    setAwaiting(null)
    if (approval && pending) void act(() => client.fingerprint.markMissing(pending), true)
  }
  return { awaiting, declareMissing, approvalClosed }
}

/** The fingerprint step's state over the contract client: requests, events, selection. */
export function useFingerprintFlow(client: KioskClient): FingerprintFlow {
  const [session, setSession] = useState<FingerprintSession | null>(null)
  const [selected, setSelected] = useState<FingerName>('right-thumb')
  const [capturing, setCapturing] = useState(false)
  const [error, setError] = useState<ReplyError | null>(null)
  const live = useFingerprintEvents(client)
  const { setPhase, setPreview, setDuplicate: clearDuplicate } = live

  const refresh = useCallback(
    async (follow: boolean) => {
      const reply = await client.fingerprint.session({})
      if (!reply.ok) return setError(reply.error)
      setSession(reply.value)
      // A warning that arrived is dropped once the session holds no duplicate any more.
      if (reply.value.duplicates.length === 0) clearDuplicate(null)
      if (follow && reply.value.next) setSelected(reply.value.next)
    },
    [client, clearDuplicate],
  )
  useEffect(() => {
    void client.fingerprint.session({}).then((reply) => {
      if (!reply.ok) return setError(reply.error)
      setSession(reply.value)
      if (reply.value.next) setSelected(reply.value.next)
    })
  }, [client])

  /** Runs one request; on success refreshes the session (following `next` when asked). */
  const act = async (request: () => Promise<Reply<FingerState>>, follow = false) => {
    const reply = await request()
    // Asking for the approval is the next step, not a failure to show.
    setError(reply.ok || reply.error.code === 'E_APPROVAL_REQUIRED' ? null : reply.error)
    await refresh(follow && reply.ok && reply.value.status !== 'retry')
    return reply
  }

  const capture = () => {
    if (capturing) return
    setCapturing(true)
    setPreview(null)
    setPhase(null)
    const finger = selected
    void act(() => client.fingerprint.capture({ finger }), true).finally(() => {
      setCapturing(false)
      setPhase(null)
    })
  }

  const missing = useMissingApproval(client, act, selected)

  return {
    session,
    selected,
    select: setSelected,
    move: (delta) => {
      const at = fingerNames.indexOf(selected)
      const next = fingerNames[(at + delta + fingerNames.length) % fingerNames.length]
      if (next) setSelected(next)
    },
    capturing,
    phase: live.phase,
    preview: live.preview,
    error,
    duplicate: live.duplicate,
    awaiting: missing.awaiting,
    capture,
    cancel: () => void client.fingerprint.cancel({}),
    recapture: (finger) => {
      live.setDuplicate(null)
      setSelected(finger)
      void act(() => client.fingerprint.discard({ finger }))
    },
    declareMissing: missing.declareMissing,
    approvalClosed: missing.approvalClosed,
    withdrawMissing: (finger) => void act(() => client.fingerprint.withdrawMissing({ finger })),
  }
}
