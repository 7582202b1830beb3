import { useTranslation } from 'react-i18next'
import type { ComponentResult } from '../../../../drivers/camera/quality/assessment'

type Verdict = 'passed' | 'failed' | 'notMeasured'

const verdictOf = (c: ComponentResult): Verdict =>
  !c.measured || c.passed === null ? 'notMeasured' : c.passed ? 'passed' : 'failed'

const MARK: Record<Verdict, string> = { passed: '✓', failed: '✗', notMeasured: '–' }

/**
 * Every ISO/IEC 29794-5 component of one frame: its label, 0–100 value, pass, fail or not
 * measured, and for a failing one the hint in the current language.
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
              <td className="value">{c.scalar ?? '—'}</td>
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
