import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { IdentityDocument, KioskClient, Person } from '../../../../electron/contract'
import { ErrorNotice } from '../ErrorNotice'
import { browserQrDecoder, openBrowserQrCamera, type OpenQrCamera } from './browser-qr'
import type { QrDecoder } from './qr-decoder'
import { QrIdentitySummary } from './QrIdentitySummary'
import {
  intervalScheduler,
  useQrCamera,
  type CameraState,
  type FrameScheduler,
} from './use-qr-camera'
import { useQrPayloads, useSerialScans } from './use-qr-payloads'
import { WedgeField } from './WedgeField'
import type { WedgeOptions } from './wedge-detector'
import './qr-capture.css'

export interface QrCaptureProps {
  client: KioskClient
  /** The officer confirmed what the QR code said: send `identify.entered` with source 'qr'. */
  onIdentity: (person: Person, document: IdentityDocument) => void
  /** Test seams; the kiosk uses getUserMedia, zxing's bundled .wasm, setInterval and performance. */
  openCamera?: OpenQrCamera
  decoder?: QrDecoder
  scheduler?: FrameScheduler
  now?: () => number
  frameIntervalMs?: number
  /** After this long without a code the camera view says what to try (it keeps looking). */
  noQrAfterMs?: number
  wedge?: WedgeOptions
  /** When a key was pressed in the wedge field; default the event's time stamp. */
  keyTime?: () => number
}

/**
 * The CCCD's QR code as an identity source, three ways in: the webcam, a keyboard-wedge scanner
 * (or a paste) into the field, and a serial scanner's scans from the core. Each payload is parsed
 * by the core; the identity is shown for the officer to confirm before `onIdentity`.
 */
export function QrCapture(props: QrCaptureProps) {
  const { t } = useTranslation()
  const { client, onIdentity } = props
  const video = useRef<HTMLVideoElement>(null)
  const { phase, submit, reset } = useQrPayloads(client)
  const noQrAfterMs = props.noQrAfterMs ?? 10_000
  const camera = useQrCamera(video, {
    open: props.openCamera ?? openBrowserQrCamera,
    decoder: props.decoder ?? ((frame) => browserQrDecoder()(frame)),
    scheduler: props.scheduler ?? intervalScheduler,
    now: props.now ?? (() => performance.now()),
    frameIntervalMs: props.frameIntervalMs ?? 200,
    noQrAfterMs,
    onPayload: (text) => submit('camera', text),
  })
  const serialReady = useSerialScans(client, (payload) => {
    camera.stop()
    submit('serial', payload)
  })
  const cameraOn = camera.state.kind === 'starting' || camera.state.kind === 'scanning'

  return (
    <section className="qr-capture" aria-labelledby="qr-capture-title" data-phase={phase.kind}>
      <h2 id="qr-capture-title">{t('barcode.title')}</h2>
      {phase.kind === 'found' ? (
        <QrIdentitySummary
          parsed={phase.parsed}
          source={phase.source}
          onConfirm={() => onIdentity(phase.parsed.person, phase.parsed.document)}
          onRescan={reset}
        />
      ) : (
        <>
          <p>{t('barcode.intro')}</p>
          {serialReady !== null && (
            <p className="detail" data-testid="qr-serial">
              {t(serialReady ? 'barcode.serial.ready' : 'barcode.serial.none')}
            </p>
          )}
          <WedgeField
            onScan={(text) => submit('wedge', text)}
            onPaste={(text) => submit('paste', text)}
            {...(props.wedge ? { wedge: props.wedge } : {})}
            {...(props.keyTime ? { keyTime: props.keyTime } : {})}
            autoFocus
          />
          <div className="actions">
            <button
              type="button"
              aria-pressed={cameraOn}
              onClick={() => (cameraOn ? camera.stop() : void camera.start())}
            >
              {t(cameraOn ? 'barcode.camera.stop' : 'barcode.camera.start')}
            </button>
          </div>
          <CameraStatus state={camera.state} seconds={Math.round(noQrAfterMs / 1000)} />
          <video
            ref={video}
            className="qr-preview"
            aria-label={t('barcode.camera.preview')}
            hidden={!cameraOn}
            muted
            playsInline
          />
          {phase.kind === 'checking' && <p role="status">{t('barcode.checking')}</p>}
          {phase.kind === 'invalid' && (
            <div data-testid="qr-invalid">
              <ErrorNotice error={phase.error} />
            </div>
          )}
        </>
      )}
    </section>
  )
}

/** What the camera is doing, and what to do when it cannot help. */
function CameraStatus({ state, seconds }: { state: CameraState; seconds: number }) {
  const { t } = useTranslation()
  if (state.kind === 'off') return null
  if (state.kind === 'problem') {
    return (
      <div className="notice notice-error" role="alert" data-testid="qr-camera-problem">
        {t(`barcode.camera.${state.problem}`)}
      </div>
    )
  }
  if (state.kind === 'starting') return <p role="status">{t('barcode.camera.starting')}</p>
  return (
    <p role="status" data-testid="qr-camera-status">
      {state.slow ? t('barcode.camera.slow', { seconds }) : t('barcode.camera.scanning')}
    </p>
  )
}
