import { useId, type ReactNode } from 'react'

/** A labelled select (44 px+ tall like the text fields); `hint` is read with it. */
export function SelectField({
  label,
  value,
  onChange,
  name,
  hint,
  children,
}: {
  label: string
  value: string
  onChange: (value: string) => void
  name: string
  hint?: string
  children: ReactNode
}) {
  const id = useId()
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        value={value}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => onChange(e.target.value)}
      >
        {children}
      </select>
      {hint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
    </div>
  )
}
