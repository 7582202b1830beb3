import { useTranslation } from 'react-i18next'
import { ruleMessageKey, type RuleArea } from '../../../../electron/contract'

/** What a field's rule says while typing: its refusal sentence, or the accepted value's summary. */
export type Hint =
  | { ok: true; text: string }
  | { ok: false; area: RuleArea; reason: string; params: Readonly<Record<string, string | number>> }
  | null

/** The hint's text in the current language (empty for no hint). */
export function useHintText(): (hint: Hint) => string {
  const { t } = useTranslation()
  return (hint) => {
    if (!hint) return ''
    if (hint.ok) return hint.text
    return t(ruleMessageKey(hint.area, hint.reason), { ...hint.params })
  }
}

/** The hint shown under a field, marked as a problem (with a word, not only colour) or accepted. */
export function FieldHint({ id, hint }: { id: string; hint: Hint }) {
  const text = useHintText()(hint)
  if (!hint) return null
  return (
    <small id={id} className={`hint ${hint.ok ? 'hint-ok' : 'hint-problem'}`} data-ok={hint.ok}>
      <span aria-hidden="true">{hint.ok ? '✓ ' : '⚠ '}</span>
      {text}
    </small>
  )
}
