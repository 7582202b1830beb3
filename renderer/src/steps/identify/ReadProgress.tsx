import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { EventPayload } from '../../../../electron/contract'
import type { ReadEstimate } from './read-estimate'

type Progress = EventPayload<'card.readProgress'>

/** Bytes as KB with one decimal, in the page's language (4,0 in Vietnamese, 4.0 in English). */
function kilobytes(bytes: number, language: string): string {
  return new Intl.NumberFormat(language, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(bytes / 1024)
}

/**
 * While the chip is read: the step the reader is at, one bar for the whole document, the file
 * being read, and the time left. The total grows as files are sized (their first block), so until
 * `filesUnsized` is 0 the bar's end is a lower bound and the time left is not guessed.
 */
export function ReadProgress({
  step,
  progress,
  estimate,
}: {
  step: EventPayload<'card.readStep'>['step'] | null
  progress: Progress | null
  estimate: ReadEstimate | null
}) {
  const { t, i18n } = useTranslation()
  const stepText =
    step === null
      ? null
      : step.startsWith('read:')
        ? t('enrollment.identify.readSteps.file', { file: step.slice(5) })
        : t(`enrollment.identify.readSteps.${step}`)
  const kb = (bytes: number) => kilobytes(bytes, i18n.language)
  return (
    <div className="read-progress" data-testid="read-progress">
      <p role="status">
        {t('enrollment.identify.reading')}
        {stepText && (
          <>
            {' '}
            <span data-testid="read-step">{stepText}</span>
          </>
        )}
      </p>
      <label htmlFor="chip-read-progress" data-testid="read-bytes">
        {progress === null
          ? t('enrollment.identify.readNoBlockYet')
          : progress.filesUnsized > 0
            ? t('enrollment.identify.readDocumentSoFar', {
                read: kb(progress.documentBytesRead),
                total: kb(progress.documentTotal),
                count: progress.filesUnsized,
              })
            : t('enrollment.identify.readDocument', {
                read: kb(progress.documentBytesRead),
                total: kb(progress.documentTotal),
              })}
      </label>
      <progress
        id="chip-read-progress"
        max={Math.max(progress?.documentTotal ?? 0, 1)}
        value={progress?.documentBytesRead ?? 0}
      />
      {progress && (
        <p className="detail" data-testid="read-file">
          {t('enrollment.identify.readingFile', {
            file: progress.file,
            read: kb(progress.bytesRead),
            total: kb(progress.total),
          })}
        </p>
      )}
      {estimate && (
        <p className="detail" data-testid="read-estimate" data-estimate={estimate.kind}>
          {estimateText(t, estimate)}
        </p>
      )}
    </div>
  )
}

function estimateText(t: TFunction, estimate: ReadEstimate): string {
  switch (estimate.kind) {
    case 'estimating':
      return t('enrollment.identify.readEstimating')
    case 'remaining':
      return t('enrollment.identify.readTimeLeft', { seconds: estimate.seconds })
    case 'complete':
      return t('enrollment.identify.readAllBytes')
  }
}
