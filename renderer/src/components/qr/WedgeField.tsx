import { useId, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { WedgeDetector, type WedgeOptions } from './wedge-detector'

/**
 * The field a keyboard-wedge scanner types into (it must have the focus), which also takes a
 * paste. Enter ends a burst: a scan goes to `onScan`; keys at a person's pace are not a scan, and
 * the field says where typing belongs instead.
 */
export function WedgeField({
  onScan,
  onPaste,
  wedge,
  keyTime = (event) => event.timeStamp,
  autoFocus,
}: {
  onScan: (text: string) => void
  onPaste: (text: string) => void
  wedge?: WedgeOptions
  /** When a key was pressed, in ms: the event's own time stamp (not when it was handled). */
  keyTime?: (event: KeyboardEvent<HTMLInputElement>) => number
  autoFocus?: boolean
}) {
  const { t } = useTranslation()
  const id = useId()
  const detector = useRef(new WedgeDetector(wedge))
  const [value, setValue] = useState('')
  const [typed, setTyped] = useState(false)

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault()
      const verdict = detector.current.enter(keyTime(event))
      setValue('')
      setTyped(verdict.kind === 'typed')
      if (verdict.kind === 'scan') onScan(verdict.text)
      return
    }
    // One character (any script); named keys such as Shift or Backspace are not part of a code.
    if ([...event.key].length === 1) detector.current.key(event.key, keyTime(event))
  }

  const paste = (event: ClipboardEvent<HTMLInputElement>) => {
    const text = event.clipboardData.getData('text')
    event.preventDefault()
    detector.current.reset()
    setValue('')
    setTyped(false)
    if (text.trim() !== '') onPaste(text)
  }

  return (
    <div className="field qr-wedge">
      <label htmlFor={id}>{t('barcode.wedge.label')}</label>
      <input
        id={id}
        name="qr-payload"
        value={value}
        autoComplete="off"
        autoCapitalize="none"
        autoCorrect="off"
        spellCheck={false}
        autoFocus={autoFocus}
        aria-describedby={`${id}-hint`}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={onKeyDown}
        onPaste={paste}
      />
      <small id={`${id}-hint`} className="hint">
        {t('barcode.wedge.hint')}
      </small>
      {typed && (
        <p className="notice notice-training" role="status">
          {t('barcode.wedge.typed')}
        </p>
      )}
    </div>
  )
}
