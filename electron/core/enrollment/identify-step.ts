import { KioskError, type EnrollmentIntent, type IdentityView } from '../../contract'
import { chipPartsOf, type ChipRead } from '../card'
import { chipIdentity, identityMismatches } from './chip-identity'
import { storePart, type EnrollmentState } from './enrollment-state'
import { inputError } from './step-errors'

type IdentifyIntent = Extract<
  EnrollmentIntent,
  { type: 'identify.chip' | 'identify.entered' | 'identify.papers' | 'identify.residenceCard' }
>

/**
 * Step 1, before confirmation: the identity from the chip, the QR code, typed in or from the
 * papers. A chip read always wins over what was entered; an entered identity next to a chip read
 * is kept only as the list of fields where it differs (a supervisor must approve those).
 */
export function identify(
  state: EnrollmentState,
  intent: IdentifyIntent,
  chipRead: ChipRead | null,
  todayYear: number,
): EnrollmentState {
  const current = state.view.identity
  switch (intent.type) {
    case 'identify.chip': {
      if (!chipRead)
        throw new KioskError('E_ENROLLMENT_INPUT', 'no chip read on this window', {
          key: 'enrollment.identify.noChipRead',
        })
      const found = chipIdentity(chipRead, todayYear)
      if (!found.ok)
        throw new KioskError('E_ENROLLMENT_INPUT', `the chip gives no ${found.missing}`, {
          key: 'enrollment.identify.chipIncomplete',
          params: { field: found.missing },
        })
      // A residence card typed before the passport was read stays with the identity.
      const identity: IdentityView = {
        ...found.identity,
        residenceCard: current?.residenceCard ?? null,
      }
      return {
        ...state,
        view: { ...state.view, identity },
        chipParts: chipPartsOf(chipRead.files).map(storePart),
      }
    }
    case 'identify.entered': {
      if (current?.chip) {
        const mismatches = identityMismatches(current.person, intent.person)
        return { ...state, view: { ...state.view, identity: { ...current, mismatches } } }
      }
      const identity: IdentityView = {
        source: intent.source,
        person: intent.person,
        document: intent.document,
        chip: null,
        chipFaceDataUrl: null,
        mismatches: [],
        cccdApplicationRef: null,
        residenceCard: current?.residenceCard ?? null,
      }
      return { ...state, view: { ...state.view, identity }, chipParts: [] }
    }
    case 'identify.papers': {
      if (intent.person.nationality !== 'vn')
        throw inputError('papers are for Vietnamese citizens', 'enrollment.identify.papersCitizen')
      const identity: IdentityView = {
        source: 'papers',
        person: intent.person,
        document: 'cccd',
        chip: null,
        chipFaceDataUrl: null,
        mismatches: [],
        cccdApplicationRef: intent.cccdApplicationRef,
        residenceCard: null,
      }
      return { ...state, view: { ...state.view, identity }, chipParts: [] }
    }
    case 'identify.residenceCard': {
      if (!current)
        throw inputError('read the passport first', 'enrollment.identify.residenceFirst')
      const document =
        intent.residenceCard.kind === 'permanent' ? 'permanent-residence' : 'temporary-residence'
      const identity: IdentityView = { ...current, residenceCard: intent.residenceCard, document }
      return { ...state, view: { ...state.view, identity } }
    }
  }
}

/** Confirmation needs an identity, and a foreigner's residence card. */
export function checkIdentityComplete(identity: IdentityView | null): IdentityView {
  if (!identity) throw inputError('no identity yet', 'enrollment.identify.none')
  if (identity.person.nationality === 'foreign' && !identity.residenceCard)
    throw inputError('a foreigner needs a residence card', 'enrollment.identify.residenceNeeded')
  return identity
}
