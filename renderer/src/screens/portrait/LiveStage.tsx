import type { RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import type { PortraitAssessment } from '../../../../drivers/camera/quality/assessment'
import { FRAME_HEIGHT, FRAME_WIDTH } from './camera'
import { Checklist } from './Checklist'

export type LiveStatus = 'analysing' | 'blocked' | 'steady' | 'countdown'

export function liveStatus(
  assessment: PortraitAssessment | null,
  countdown: number | null,
): LiveStatus {
  if (!assessment) return 'analysing'
  if (!assessment.acceptable) return 'blocked'
  return countdown === null ? 'steady' : 'countdown'
}

/** The oval the face belongs in: where a well-framed 640×480 head sits. */
function OvalGuide({ status }: { status: LiveStatus }) {
  return (
    <svg
      className={`oval-guide oval-${status}`}
      viewBox={`0 0 ${FRAME_WIDTH} ${FRAME_HEIGHT}`}
      aria-hidden="true"
      focusable="false"
    >
      <defs>
        <mask id="oval-hole">
          <rect width={FRAME_WIDTH} height={FRAME_HEIGHT} fill="white" />
          <ellipse cx={FRAME_WIDTH / 2} cy={FRAME_HEIGHT * 0.46} rx={120} ry={160} fill="black" />
        </mask>
      </defs>
      <rect
        width={FRAME_WIDTH}
        height={FRAME_HEIGHT}
        className="oval-shade"
        mask="url(#oval-hole)"
      />
      <ellipse
        cx={FRAME_WIDTH / 2}
        cy={FRAME_HEIGHT * 0.46}
        rx={120}
        ry={160}
        className="oval-line"
      />
    </svg>
  )
}

/** The live preview with its guide, what the last frame says, and the capture buttons. */
export function LiveStage({
  video,
  visible,
  assessment,
  countdown,
  onCaptureNow,
  onManual,
}: {
  video: RefObject<HTMLVideoElement | null>
  visible: boolean
  assessment: PortraitAssessment | null
  countdown: number | null
  onCaptureNow: (() => void) | null
  onManual: (() => void) | null
}) {
  const { t } = useTranslation()
  const status = liveStatus(assessment, countdown)
  const faces = assessment?.faceCount
  return (
    <div className="portrait-live" hidden={!visible} data-status={status}>
      <div className="portrait-stage">
        <video ref={video} autoPlay muted playsInline aria-label={t('portrait.preview')} />
        <OvalGuide status={status} />
        {countdown !== null && (
          <span className="countdown" data-testid="portrait-countdown" aria-hidden="true">
            {countdown}
          </span>
        )}
      </div>
      <div className="portrait-side">
        <p
          className={`portrait-status status-${status}`}
          role="status"
          data-testid="portrait-status"
        >
          {t(`portrait.status.${status}`, { seconds: countdown ?? 0 })}
          {faces === 0 && <span className="faces">{t('portrait.faces.none')}</span>}
          {faces !== undefined && faces > 1 && (
            <span className="faces">{t('portrait.faces.many', { count: faces })}</span>
          )}
        </p>
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={!onCaptureNow}
            onClick={() => onCaptureNow?.()}
          >
            {t('portrait.captureNow')}
          </button>
          <button type="button" disabled={!onManual} onClick={() => onManual?.()}>
            {t('portrait.manual')}
          </button>
        </div>
        <p className="detail">{t('portrait.keys')}</p>
        {assessment && <Checklist components={assessment.components} />}
      </div>
    </div>
  )
}
