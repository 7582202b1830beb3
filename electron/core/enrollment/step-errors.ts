import { KioskError, type EnrollmentStep, type Sentence } from '../../contract'

/** A value the officer entered is refused; the sentence says which and how to fix it. */
export function inputError(message: string, key: string, params?: Sentence['params']): KioskError {
  return new KioskError('E_ENROLLMENT_INPUT', message, { key, ...(params ? { params } : {}) })
}

/** The same from a rule's refusal sentence. */
export function refusedBy(field: string, reason: Sentence): KioskError {
  return new KioskError('E_ENROLLMENT_INPUT', `${field}: ${reason.key}`, {
    key: reason.key,
    ...(reason.params ? { params: reason.params } : {}),
  })
}

/** An intent sent in a step it does not belong to. */
export function wrongStep(intent: string, step: EnrollmentStep): KioskError {
  return new KioskError('E_ENROLLMENT_STEP', `"${intent}" does not apply at step "${step}"`, {
    key: 'enrollment.wrongStep',
    params: { step },
  })
}
