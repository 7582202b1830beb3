import { useMemo, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { KioskClient, PortraitSettings } from '../../../../electron/contract'
import { ErrorNotice } from '../../components/ErrorNotice'
import { AfterCapture } from './AfterCapture'
import { createWorkerAnalyser, type FrameAnalyser } from './analyser'
import { browserCameras, type CameraPort } from './camera'
import { CameraChooser, CameraProblemPanel } from './CameraProblemPanel'
import { LiveStage } from './LiveStage'
import { encodePng } from './png'
import type { AcceptedPortrait } from './AfterCapture'
import { useAnalyser, type AnalyserState } from './use-analyser'
import { useCamera } from './use-camera'
import { useLiveLoop } from './use-live-loop'
import {
  useCaptureKeys,
  usePortraitFlow,
  usePortraitSettings,
  type PortraitApi,
} from './use-portrait-flow'
import { loadSteps } from './worker-protocol'

export type { PortraitApi } from './use-portrait-flow'

export type { AcceptedPortrait } from './AfterCapture'

function ModelLoading({ analyser }: { analyser: AnalyserState }) {
  const { t } = useTranslation()
  if (analyser.status === 'failed')
    return (
      <p className="notice notice-error" role="alert" data-testid="portrait-load-failed">
        {t('portrait.loadFailed', { detail: analyser.detail })}
      </p>
    )
  if (analyser.status !== 'loading') return null
  const done = analyser.step ? loadSteps.indexOf(analyser.step) + 1 : 0
  return (
    <div className="portrait-loading" role="status" data-testid="portrait-loading">
      <label htmlFor="portrait-load-progress">
        {t('portrait.loading')} {analyser.step && t(`portrait.loadSteps.${analyser.step}`)}
      </label>
      <progress id="portrait-load-progress" max={loadSteps.length + 1} value={done} />
    </div>
  )
}

/**
 * Live portrait capture: choose the camera, the preview with its oval guide and the ISO/IEC
 * 29794-5 checklist, auto-capture after N acceptable frames and a countdown (or a manual capture a
 * supervisor approves), then the main process's re-check: token image and chip-photo match.
 */
export function PortraitScreen({
  client,
  portrait,
  camera,
  createAnalyser = createWorkerAnalyser,
  encode = encodePng,
  onAccepted,
}: {
  client: KioskClient
  portrait: PortraitApi
  camera?: CameraPort
  createAnalyser?: (limits: PortraitSettings['limits']) => FrameAnalyser
  encode?: (frame: ImageData) => Promise<string>
  onAccepted: (accepted: AcceptedPortrait) => void
}) {
  const { t } = useTranslation()
  const cameras = useMemo(() => camera ?? browserCameras(), [camera])
  const video = useRef<HTMLVideoElement | null>(null)
  const { settings, error } = usePortraitSettings(portrait)
  const analyser = useAnalyser(settings, createAnalyser)
  const cam = useCamera(cameras, video, settings !== null)
  const flow = usePortraitFlow(portrait, settings, encode)
  const { phase, latest } = flow
  const live = phase.kind === 'live'
  useLiveLoop(
    cam.live,
    analyser.status === 'ready' ? analyser.analyser : null,
    live,
    flow.onAnalysed,
  )

  const captureNow =
    live && latest?.assessment.acceptable ? () => void flow.capture(latest, 'auto') : null
  const manual =
    live && latest
      ? () => flow.setPhase({ kind: 'approval', exception: 'manual-portrait', back: null })
      : null
  const canRetake = phase.kind === 'result' || phase.kind === 'failed'
  useCaptureKeys(captureNow, canRetake ? flow.retake : null)

  return (
    <section
      className="panel portrait-screen"
      aria-labelledby="portrait-title"
      data-testid="portrait-screen"
      data-phase={phase.kind}
      data-analysed={flow.analysed}
      data-analysis-ms={latest ? latest.ms.toFixed(1) : ''}
      data-load-ms={analyser.status === 'ready' ? analyser.loadMs.toFixed(0) : ''}
    >
      <h2 id="portrait-title">{t('portrait.title')}</h2>
      <p className="intro">{t('portrait.intro')}</p>
      {error && <ErrorNotice error={error} />}
      {settings && <ModelLoading analyser={analyser} />}
      {(live || phase.kind === 'result') && (
        <CameraChooser cameras={cam.cameras} chosen={cam.chosen} onChoose={cam.choose} />
      )}
      {cam.problem && live && (
        <CameraProblemPanel
          problem={cam.problem.problem}
          detail={cam.problem.detail}
          onRetry={cam.retry}
        />
      )}
      <LiveStage
        video={video}
        visible={live && !cam.problem}
        assessment={latest?.assessment ?? null}
        countdown={flow.auto.countdown}
        onCaptureNow={captureNow}
        onManual={manual}
      />
      <AfterCapture client={client} flow={flow} onAccepted={onAccepted} />
    </section>
  )
}
