import { useTranslation } from 'react-i18next'
import type { EventPayload } from '../../../../electron/contract'

/** While the chip is read: the step the reader is at, and the file's bytes so far. */
export function ReadProgress({
  step,
  progress,
}: {
  step: EventPayload<'card.readStep'>['step'] | null
  progress: EventPayload<'card.readProgress'> | null
}) {
  const { t } = useTranslation()
  const stepText =
    step === null
      ? null
      : step.startsWith('read:')
        ? t('enrollment.identify.readSteps.file', { file: step.slice(5) })
        : t(`enrollment.identify.readSteps.${step}`)
  return (
    <div className="read-progress" role="status" data-testid="read-progress">
      <p>{t('enrollment.identify.reading')}</p>
      {stepText && <p data-testid="read-step">{stepText}</p>}
      {progress && (
        <>
          <label htmlFor="chip-read-progress">
            {t('enrollment.identify.readingFile', {
              file: progress.file,
              read: progress.bytesRead,
              total: progress.total,
            })}
          </label>
          <progress
            id="chip-read-progress"
            max={Math.max(progress.total, 1)}
            value={progress.bytesRead}
          />
        </>
      )}
    </div>
  )
}
