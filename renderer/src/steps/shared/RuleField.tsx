import { useId } from 'react'
import { FieldHint, type Hint } from './FieldHint'

/** A labelled input whose hint is a contract rule's verdict on what is typed, updated as it is. */
export function RuleField({
  label,
  name,
  value,
  onChange,
  hint,
  help,
  inputMode,
}: {
  label: string
  name: string
  value: string
  onChange: (value: string) => void
  /** The rule's verdict; null while the field is empty (or the rule has nothing to say). */
  hint: Hint
  /** What to type, shown while there is no verdict. */
  help?: string
  inputMode?: 'numeric' | 'tel' | 'email' | 'text'
}) {
  const id = useId()
  const described = [help ? `${id}-help` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ')
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        value={value}
        inputMode={inputMode}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={hint ? !hint.ok : undefined}
        aria-describedby={described || undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {help && (
        <small id={`${id}-help`} className="hint">
          {help}
        </small>
      )}
      <FieldHint id={`${id}-hint`} hint={hint} />
    </div>
  )
}
