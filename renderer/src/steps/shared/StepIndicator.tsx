import { useTranslation } from 'react-i18next'
import { enrollmentSteps, type EnrollmentStep } from '../../../../electron/contract'

/**
 * Steps 1–8, the current one marked by its weight, a border and the words "current" (never by
 * colour alone); those before it say "done".
 */
export function StepIndicator({ step }: { step: EnrollmentStep }) {
  const { t } = useTranslation()
  const current = enrollmentSteps.indexOf(step)
  return (
    <nav aria-label={t('enrollment.flow.stepsLabel')} className="step-indicator">
      <ol>
        {enrollmentSteps.map((name, index) => {
          const state = index === current ? 'current' : index < current ? 'done' : 'todo'
          return (
            <li
              key={name}
              data-state={state}
              aria-current={state === 'current' ? 'step' : undefined}
            >
              <span className="step-number" aria-hidden="true">
                {state === 'done' ? '✓' : index + 1}
              </span>
              <span className="step-name">{t(`enrollment.steps.${name}`)}</span>
              {state !== 'todo' && (
                <span className="step-state">
                  {state === 'current'
                    ? t('enrollment.flow.stepCurrent')
                    : t('enrollment.flow.stepDone')}
                </span>
              )}
            </li>
          )
        })}
      </ol>
    </nav>
  )
}
