import { useTranslation } from 'react-i18next'
import type { Approval, KioskClient, PortraitCheckResult } from '../../../../electron/contract'
import { ErrorNotice } from '../../components/ErrorNotice'
import { ApprovalDialog } from '../approval/ApprovalDialog'
import { ResultPanel } from './ResultPanel'
import type { CaptureMode, usePortraitFlow } from './use-portrait-flow'

export interface AcceptedPortrait {
  result: PortraitCheckResult
  capture: CaptureMode
  approvals: Approval[]
}

/** Everything after the preview: the supervisor's approval, the re-check, its result. */
export function AfterCapture({
  client,
  flow,
  onAccepted,
}: {
  client: KioskClient
  flow: ReturnType<typeof usePortraitFlow>
  onAccepted: (accepted: AcceptedPortrait) => void
}) {
  const { t } = useTranslation()
  const { phase } = flow
  const mismatchApproved = flow.approvals.some((a) => a.exception === 'portrait-mismatch')
  return (
    <>
      {phase.kind === 'approval' && (
        <ApprovalDialog client={client} exception={phase.exception} onClose={flow.onApproval} />
      )}
      {phase.kind === 'checking' && (
        <p className="loading" role="status" data-testid="portrait-checking">
          {t('portrait.checking')}
        </p>
      )}
      {phase.kind === 'failed' && (
        <div data-testid="portrait-check-failed">
          <ErrorNotice error={phase.error} />
          <button type="button" onClick={flow.retake}>
            {t('portrait.retake')}
          </button>
        </div>
      )}
      {phase.kind === 'result' && (
        <ResultPanel
          result={phase.result}
          capture={phase.capture}
          mismatchApproved={mismatchApproved}
          onAccept={() => {
            onAccepted({
              result: phase.result,
              capture: phase.capture,
              approvals: flow.approvals,
            })
            flow.setPhase({ kind: 'done' })
          }}
          onAskApproval={() =>
            flow.setPhase({ kind: 'approval', exception: 'portrait-mismatch', back: phase })
          }
          onRetake={flow.retake}
        />
      )}
      {phase.kind === 'done' && (
        <p className="notice" role="status" data-testid="portrait-done">
          {t('portrait.acceptedDone')}
        </p>
      )}
    </>
  )
}
