import { useCallback, useEffect, useRef, useState } from 'react'
import type {
  Approval,
  ApprovalException,
  PortraitCheckInput,
  PortraitCheckResult,
  PortraitSettings,
  Reply,
  ReplyError,
} from '../../../../electron/contract'
import type { AnalysedFrame } from './analyser'
import { idleCapture, onFrame, onTick, type AutoCapture } from './auto-capture'

/** The two core channels the portrait screen uses (`client.portrait` in the kiosk). */
export interface PortraitApi {
  settings(input: Record<string, never>): Promise<Reply<PortraitSettings>>
  check(input: PortraitCheckInput): Promise<Reply<PortraitCheckResult>>
}

export type CaptureMode = PortraitCheckInput['capture']
export type ResultPhase = { kind: 'result'; result: PortraitCheckResult; capture: CaptureMode }
export type Phase =
  | { kind: 'live' }
  | { kind: 'approval'; exception: ApprovalException; back: ResultPhase | null }
  | { kind: 'checking' }
  | ResultPhase
  | { kind: 'failed'; error: ReplyError }
  | { kind: 'done' }

/** portrait.settings once; its error kept for the notice. */
export function usePortraitSettings(portrait: PortraitApi) {
  const [settings, setSettings] = useState<PortraitSettings | null>(null)
  const [error, setError] = useState<ReplyError | null>(null)
  useEffect(() => {
    void portrait
      .settings({})
      .then((reply) => (reply.ok ? setSettings(reply.value) : setError(reply.error)))
  }, [portrait])
  return { settings, error }
}

/**
 * The capture flow: each analysed frame feeds auto-capture (streak, countdown), a capture encodes
 * the very frame analysed and asks portrait.check, approvals (manual capture, mismatch) are kept
 * for the file.
 */
export function usePortraitFlow(
  portrait: PortraitApi,
  settings: PortraitSettings | null,
  encode: (frame: ImageData) => Promise<string>,
) {
  const [phase, setPhase] = useState<Phase>({ kind: 'live' })
  const [latest, setLatest] = useState<AnalysedFrame | null>(null)
  const [auto, setAuto] = useState<AutoCapture>(idleCapture)
  const [approvals, setApprovals] = useState<Approval[]>([])
  const [analysed, setAnalysed] = useState(0)
  const latestRef = useRef<AnalysedFrame | null>(null)
  const autoRef = useRef<AutoCapture>(idleCapture)
  const setAutoState = useCallback(
    (next: AutoCapture) => void ((autoRef.current = next), setAuto(next)),
    [],
  )

  const capture = useCheck(portrait, encode, setPhase, () => setAutoState(idleCapture))

  const onAnalysed = (frame: AnalysedFrame) => {
    latestRef.current = frame
    setLatest(frame)
    setAnalysed((n) => n + 1)
    if (!settings) return
    const step = onFrame(autoRef.current, frame.assessment.acceptable, settings)
    setAutoState(step.next)
    if (step.capture) void capture(frame, 'auto')
  }

  useCountdown(auto.countdown, phase.kind === 'live', () => {
    const step = onTick(autoRef.current)
    setAutoState(step.next)
    const frame = latestRef.current
    if (step.capture && frame?.assessment.acceptable) void capture(frame, 'auto')
  })

  const retake = useCallback(() => {
    latestRef.current = null
    setLatest(null)
    setAutoState(idleCapture)
    setPhase({ kind: 'live' })
  }, [setAutoState])

  const onApproval = (approval: Approval | null) => {
    if (phase.kind !== 'approval') return
    if (!approval) return setPhase(phase.back ?? { kind: 'live' })
    setApprovals((list) => [...list, approval])
    const frame = latestRef.current
    if (phase.exception === 'manual-portrait' && frame) void capture(frame, 'manual')
    else setPhase(phase.back ?? { kind: 'live' })
  }

  return {
    phase,
    setPhase,
    latest,
    auto,
    analysed,
    approvals,
    capture,
    onAnalysed,
    retake,
    onApproval,
  }
}

/** A capture: encode the very frame analysed (PNG) and ask portrait.check about it. */
function useCheck(
  portrait: PortraitApi,
  encode: (frame: ImageData) => Promise<string>,
  setPhase: (phase: Phase) => void,
  onStart: () => void,
) {
  const started = useRef(onStart)
  useEffect(() => {
    started.current = onStart
  })
  return useCallback(
    async (frame: AnalysedFrame, mode: CaptureMode) => {
      setPhase({ kind: 'checking' })
      started.current()
      try {
        const pngBase64 = await encode(frame.frame)
        const reply = await portrait.check({ pngBase64, capture: mode })
        setPhase(
          reply.ok
            ? { kind: 'result', result: reply.value, capture: mode }
            : { kind: 'failed', error: reply.error },
        )
      } catch (error) {
        setPhase({ kind: 'failed', error: { code: 'E_INTERNAL', message: String(error) } })
      }
    },
    [encode, portrait, setPhase],
  )
}

/** One tick a second while a countdown runs on the live preview. */
function useCountdown(countdown: number | null, live: boolean, tick: () => void) {
  const onTick = useRef(tick)
  useEffect(() => {
    onTick.current = tick
  })
  useEffect(() => {
    if (countdown === null || !live) return
    const timer = setTimeout(() => onTick.current(), 1000)
    return () => clearTimeout(timer)
  }, [countdown, live])
}

const INTERACTIVE = new Set(['BUTTON', 'INPUT', 'SELECT', 'TEXTAREA', 'A'])

/** Space or Enter: capture now (when allowed); R: retake (on a result). Not while typing. */
export function useCaptureKeys(captureNow: (() => void) | null, retake: (() => void) | null) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null
      if (target && (INTERACTIVE.has(target.tagName) || target.closest('[role="dialog"]'))) return
      if ((event.key === ' ' || event.key === 'Enter') && captureNow) {
        event.preventDefault()
        captureNow()
      } else if ((event.key === 'r' || event.key === 'R') && retake) {
        event.preventDefault()
        retake()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [captureNow, retake])
}
