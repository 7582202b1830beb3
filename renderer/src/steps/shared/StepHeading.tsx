import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { enrollmentSteps, type EnrollmentStep } from '../../../../electron/contract'

/**
 * The step's heading. It takes the focus when the step opens, so that a keyboard or screen-reader
 * user starts on the new step rather than on a button that is gone.
 */
export function StepHeading({ step, title }: { step: EnrollmentStep; title: string }) {
  const { t } = useTranslation()
  const ref = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    ref.current?.focus()
  }, [step])
  return (
    <header className="step-heading">
      <p className="step-count">
        {t('enrollment.flow.stepNumber', {
          number: enrollmentSteps.indexOf(step) + 1,
          total: enrollmentSteps.length,
        })}
      </p>
      <h2 id="step-title" ref={ref} tabIndex={-1} data-testid="step-heading" data-step={step}>
        {title}
      </h2>
    </header>
  )
}
