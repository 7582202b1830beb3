import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { DocumentPhotoViewSchema } from '../../../../electron/contract'
import type { EnrollmentApi } from '../shared/use-enrollment'
import { SelectField } from '../shared/SelectField'
import { PhotoList } from './PhotoList'
import { browserDocumentCamera, type DocumentCamera } from './document-camera'

type PhotoOf = (typeof DocumentPhotoViewSchema.shape.of.options)[number]
export const photoKinds = DocumentPhotoViewSchema.shape.of.options

/** The camera's preview in a <video>: open, close (also on unmount), and why it failed. */
function useCameraPreview(camera: DocumentCamera) {
  const video = useRef<HTMLVideoElement>(null)
  const stop = useRef<(() => void) | null>(null)
  const [open, setOpen] = useState(false)
  const [failed, setFailed] = useState<string | null>(null)
  useEffect(() => () => stop.current?.(), [])
  const close = () => {
    stop.current?.()
    stop.current = null
    setOpen(false)
  }
  const start = async () => {
    if (!video.current) return
    try {
      stop.current = await camera.open(video.current)
      setFailed(null)
      setOpen(true)
    } catch (error) {
      setFailed(error instanceof Error ? error.name || error.message : String(error))
    }
  }
  return { video, open, failed, start, close }
}

/** Optional photos of the documents, taken with the webcam; the list with a remove button each. */
export function DocumentPhotos({
  api,
  camera = browserDocumentCamera,
}: {
  api: EnrollmentApi
  camera?: DocumentCamera
}) {
  const { t } = useTranslation()
  const { video, open, failed, start, close } = useCameraPreview(camera)
  const [of, setOf] = useState<PhotoOf>('health-insurance')
  const photos = api.view.documents?.photos ?? []

  const take = () => {
    if (!video.current) return
    void api.send({ type: 'documents.addPhoto', of, jpegBase64: camera.grab(video.current) })
  }
  return (
    <fieldset className="document-photos" data-testid="document-photos">
      <legend>{t('enrollment.documents.photosTitle')}</legend>
      <p className="intro">{t('enrollment.documents.photosIntro')}</p>
      <SelectField
        name="photoOf"
        label={t('enrollment.documents.photoOf')}
        value={of}
        onChange={(v) => setOf(photoKinds.find((k) => k === v) ?? 'other')}
      >
        {photoKinds.map((kind) => (
          <option key={kind} value={kind}>
            {t(`enrollment.documents.photoKinds.${kind}`)}
          </option>
        ))}
      </SelectField>
      <video
        ref={video}
        className="document-preview"
        hidden={!open}
        muted
        playsInline
        aria-label={t('enrollment.documents.cameraPreview')}
      />
      <div className="actions">
        {open ? (
          <>
            <button type="button" className="primary" disabled={api.busy} onClick={take}>
              {t('enrollment.documents.takePhoto')}
            </button>
            <button type="button" onClick={close}>
              {t('enrollment.documents.cameraStop')}
            </button>
          </>
        ) : (
          <button type="button" onClick={() => void start()}>
            {t('enrollment.documents.cameraStart')}
          </button>
        )}
      </div>
      {failed && (
        <p className="notice notice-error" role="alert">
          {t('enrollment.documents.cameraFailed', { detail: failed })}
        </p>
      )}
      <PhotoList
        photos={photos}
        busy={api.busy}
        onRemove={(photoId) => void api.send({ type: 'documents.removePhoto', photoId })}
      />
    </fieldset>
  )
}
