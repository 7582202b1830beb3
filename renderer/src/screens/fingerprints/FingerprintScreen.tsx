import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import type {
  FingerprintDuplicateEvent,
  FingerprintSession,
  KioskClient,
} from '../../../../electron/contract'
import { ErrorNotice } from '../../components/ErrorNotice'
import { ApprovalDialog } from '../approval/ApprovalDialog'
import { CapturePanel } from './CapturePanel'
import { FingerList } from './FingerList'
import { HandDiagram } from './HandDiagram'
import { MissingFingerPanel } from './MissingFingerPanel'
import { useFingerprintFlow, type FingerprintFlow } from './use-fingerprint-flow'

const INTERACTIVE = new Set(['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON', 'A'])
const TAKES_ARROWS = new Set(['INPUT', 'SELECT', 'TEXTAREA'])

/** Enter or Space captures the selected finger; the arrow keys move to the previous or next one. */
function useFingerKeys(flow: FingerprintFlow, enabled: boolean) {
  useEffect(() => {
    if (!enabled) return
    const onKey = (event: KeyboardEvent) => {
      const target = event.target instanceof HTMLElement ? event.target : null
      if (target?.closest('[role="dialog"]')) return
      // Arrows belong to the reason picker (and any text field) while it has the focus.
      if (target && TAKES_ARROWS.has(target.tagName)) return
      if (event.key === 'ArrowRight' || event.key === 'ArrowDown') flow.move(1)
      else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') flow.move(-1)
      else if (
        (event.key === 'Enter' || event.key === ' ') &&
        !INTERACTIVE.has(target?.tagName ?? '')
      )
        flow.capture()
      else return
      event.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [flow, enabled])
}

function DuplicateWarning({
  warning,
  onRecapture,
}: {
  warning: FingerprintDuplicateEvent
  onRecapture: () => void
}) {
  const { t } = useTranslation()
  const pair = warning.pairs[0]
  if (!pair) return null
  const names = { a: t(`fingerprints.fingers.${pair.a}`), b: t(`fingerprints.fingers.${pair.b}`) }
  return (
    <div className="notice notice-error" role="alert" data-testid="duplicate-warning">
      <strong>{t('fingerprints.duplicate.title', names)}</strong>
      <p>
        {t('fingerprints.duplicate.hint', { finger: t(`fingerprints.fingers.${warning.finger}`) })}
      </p>
      <button type="button" onClick={onRecapture}>
        {t('fingerprints.duplicate.recapture', {
          finger: t(`fingerprints.fingers.${warning.finger}`),
        })}
      </button>
    </div>
  )
}

/** The duplicate to warn of: the one that just arrived, else the first the session still holds. */
function warningOf(flow: FingerprintFlow): FingerprintDuplicateEvent | null {
  if (flow.duplicate) return flow.duplicate
  const held = flow.session?.duplicates[0]
  return held ? { finger: held.b, pairs: [held] } : null
}

/**
 * The fingerprints step: the hand diagram, the selected finger's capture with live preview and
 * quality (source named), retries keeping the best, missing fingers with a supervisor's approval,
 * the duplicate warning as each finger arrives; `onDone` once all ten are settled.
 */
export function FingerprintScreen({
  client,
  onDone,
}: {
  client: KioskClient
  onDone: (session: FingerprintSession) => void
}) {
  const { t } = useTranslation()
  const flow = useFingerprintFlow(client)
  const { session } = flow
  useFingerKeys(flow, session !== null && flow.awaiting === null)
  const state = session?.fingers.find((f) => f.finger === flow.selected)
  const warning = warningOf(flow)
  return (
    <section
      className="panel fingerprint-screen"
      aria-labelledby="fingerprint-title"
      data-testid="fingerprint-screen"
      data-capturing={flow.capturing}
    >
      <h2 id="fingerprint-title">{t('fingerprints.title')}</h2>
      <p className="intro">{t('fingerprints.intro')}</p>
      <p className="intro">{t('fingerprints.keys')}</p>
      {session?.scanner && (
        <p className="muted" data-testid="scanner">
          {t('fingerprints.scanner', session.scanner)}
        </p>
      )}
      {flow.error && <ErrorNotice error={flow.error} />}
      {warning && (
        <DuplicateWarning warning={warning} onRecapture={() => flow.recapture(warning.finger)} />
      )}
      {session?.complete && (
        <div className="notice" role="status" data-testid="fingerprints-done">
          <strong>{t('fingerprints.done')}</strong>
          <button type="button" className="primary" onClick={() => onDone(session)}>
            {t('fingerprints.continue')}
          </button>
        </div>
      )}
      {session && (
        <div className="fingerprint-layout">
          <HandDiagram fingers={session.fingers} selected={flow.selected} onSelect={flow.select} />
          {state && (
            <div>
              <CapturePanel flow={flow} state={state} />
              <MissingFingerPanel flow={flow} state={state} />
            </div>
          )}
          <FingerList
            fingers={session.fingers}
            selected={flow.selected}
            maxAttempts={session.maxAttempts}
            onSelect={flow.select}
          />
        </div>
      )}
      {flow.awaiting && (
        <ApprovalDialog client={client} exception="missing-finger" onClose={flow.approvalClosed} />
      )}
    </section>
  )
}
