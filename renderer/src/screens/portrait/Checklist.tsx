import { useTranslation } from 'react-i18next'
import type { ComponentResult } from '../../../../drivers/camera/quality/assessment'

type Verdict = 'passed' | 'failed' | 'notMeasured'

const verdictOf = (c: ComponentResult): Verdict =>
  !c.measured || c.passed === null ? 'notMeasured' : c.passed ? 'passed' : 'failed'

const MARK: Record<Verdict, string> = { passed: '✓', failed: '✗', notMeasured: '–' }

/** The value the limit applies to: the raw one (pixels, degrees, ratio) or the 0–100 one. */
function shownValue(c: ComponentResult): string {
  const value = c.limit.on === 'raw' ? c.raw : c.scalar
  if (value === null) return '—'
  if (c.limit.on === 'scalar' || Number.isInteger(value)) return String(value)
  return Math.abs(value) >= 10 ? value.toFixed(0) : value.toFixed(2)
}

/** The limit as the officer reads it, e.g. "≥ 90", "|…| ≤ 8". */
function limitText(c: ComponentResult): string {
  const bounds = [
    c.limit.atLeast !== null ? `≥ ${c.limit.atLeast}` : null,
    c.limit.atMost !== null ? `≤ ${c.limit.atMost}` : null,
  ].filter((b) => b !== null)
  return `${c.limit.absolute ? '|…| ' : ''}${bounds.join(' ')}`
}

/**
 * Every ISO/IEC 29794-5 component of one frame: its label, the value its limit applies to (raw
 * where the standard gives pixels or degrees, else the 0–100 value) with that limit, pass, fail or
 * not measured, and for a failing one the hint in the current language.
 */
export function Checklist({ components }: { components: readonly ComponentResult[] }) {
  const { t } = useTranslation()
  return (
    <table className="portrait-checklist" data-testid="portrait-checklist">
      <caption>{t('portrait.checklist.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('portrait.checklist.component')}</th>
          <th scope="col">{t('portrait.checklist.value')}</th>
          <th scope="col">{t('portrait.checklist.result')}</th>
        </tr>
      </thead>
      <tbody>
        {components.map((c) => {
          const verdict = verdictOf(c)
          return (
            <tr key={c.name} data-component={c.name} data-verdict={verdict}>
              <th scope="row">
                {t(`portrait.components.${c.name}.label`)}
                {!c.gating && <span className="advisory"> {t('portrait.checklist.advisory')}</span>}
                {verdict === 'failed' && (
                  <span className="component-hint">{t(`portrait.components.${c.name}.hint`)}</span>
                )}
              </th>
              <td className="value">
                {shownValue(c)}
                <span className="limit">{limitText(c)}</span>
              </td>
              <td className={`verdict verdict-${verdict}`}>
                <span aria-hidden="true">{MARK[verdict]}</span> {t(`portrait.checklist.${verdict}`)}
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
