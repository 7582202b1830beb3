import { useTranslation } from 'react-i18next'
import type { DocumentsView } from '../../../../electron/contract'

/** The document photos taken, each with its kind, size and a remove button. */
export function PhotoList({
  photos,
  busy,
  onRemove,
}: {
  photos: DocumentsView['photos']
  busy: boolean
  onRemove: (photoId: string) => void
}) {
  const { t } = useTranslation()
  if (photos.length === 0) return <p className="detail">{t('enrollment.documents.noPhotos')}</p>
  return (
    <ul className="photo-list" data-testid="photo-list">
      {photos.map((photo) => (
        <li key={photo.photoId}>
          <span>
            {t('enrollment.documents.photoItem', {
              of: t(`enrollment.documents.photoKinds.${photo.of}`),
              size: Math.max(1, Math.round(photo.bytes / 1024)),
            })}
          </span>
          <button type="button" disabled={busy} onClick={() => onRemove(photo.photoId)}>
            {t('enrollment.documents.removePhoto')}
          </button>
        </li>
      ))}
    </ul>
  )
}
