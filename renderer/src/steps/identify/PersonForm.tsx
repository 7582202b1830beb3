import { useState, type FormEvent } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import {
  identityDocuments,
  PersonSchema,
  safeParse,
  type EnrollmentIntent,
  type Person,
} from '../../../../electron/contract'
import { TextField } from '../../components/TextField'
import { SelectField } from '../shared/SelectField'

export interface PersonDraft {
  fullName: string
  idNumber: string
  dateOfBirth: string
  sex: '' | 'M' | 'F'
  nationality: Person['nationality']
  placeOfResidence: string
  document: (typeof identityDocuments)[number]
  cccdApplicationRef: string
}

const EMPTY: PersonDraft = {
  fullName: '',
  idNumber: '',
  dateOfBirth: '',
  sex: '',
  nationality: 'vn',
  placeOfResidence: '',
  document: 'cccd',
  cccdApplicationRef: '',
}

function personOf(draft: PersonDraft) {
  return safeParse(PersonSchema, {
    fullName: draft.fullName,
    idNumber: draft.idNumber.trim().toUpperCase(),
    dateOfBirth: draft.dateOfBirth.trim(),
    sex: draft.sex === '' ? null : draft.sex,
    nationality: draft.nationality,
    placeOfResidence: draft.placeOfResidence.trim() === '' ? null : draft.placeOfResidence.trim(),
  })
}

/** The intent for what was typed, or the fields that are not right. */
export function intentFromDraft(
  kind: 'manual' | 'papers',
  draft: PersonDraft,
): { intent: EnrollmentIntent } | { invalid: string[] } {
  const parsed = personOf(kind === 'papers' ? { ...draft, nationality: 'vn' } : draft)
  const ref = draft.cccdApplicationRef.trim()
  const refOk = kind === 'manual' || /^[A-Z0-9-]{6,40}$/.test(ref)
  const invalid = parsed.success
    ? []
    : [...new Set(parsed.error.issues.map((issue) => String(issue.path[0])))]
  if (!refOk) invalid.push('cccdApplicationRef')
  if (!parsed.success || !refOk) return { invalid }
  return kind === 'manual'
    ? {
        intent: {
          type: 'identify.entered',
          source: 'manual',
          person: parsed.data,
          document: draft.document,
        },
      }
    : { intent: { type: 'identify.papers', person: parsed.data, cccdApplicationRef: ref } }
}

/**
 * The identity typed from a document: `manual` (with the document it is on; next to a chip read
 * it is only compared with the chip) or `papers` (a citizen without a chip card, with the
 * reference of the CCCD application filed with this one).
 */
export function PersonForm({
  kind,
  busy,
  onSend,
}: {
  kind: 'manual' | 'papers'
  busy: boolean
  onSend: (intent: EnrollmentIntent) => void
}) {
  const { t } = useTranslation()
  const [draft, setDraft] = useState(EMPTY)
  const [invalid, setInvalid] = useState<string[]>([])
  const set =
    <K extends keyof PersonDraft>(key: K) =>
    (value: PersonDraft[K]) =>
      setDraft((d) => ({ ...d, [key]: value }))

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const checked = intentFromDraft(kind, draft)
    setInvalid('invalid' in checked ? checked.invalid : [])
    if ('intent' in checked) onSend(checked.intent)
  }
  const label = (field: string) => fieldLabel(t, field)

  return (
    <form className="step-form person-form" onSubmit={submit} data-testid={`person-form-${kind}`}>
      <FormIntro kind={kind} />
      <TextField
        name="fullName"
        label={label('fullName')}
        value={draft.fullName}
        onChange={set('fullName')}
        autoComplete="off"
      />
      <TextField
        name="idNumber"
        label={label('idNumber')}
        value={draft.idNumber}
        onChange={set('idNumber')}
        autoComplete="off"
      />
      <TextField
        name="dateOfBirth"
        label={label('dateOfBirth')}
        value={draft.dateOfBirth}
        onChange={set('dateOfBirth')}
        hint={t('enrollment.identify.dateHint')}
        autoComplete="off"
      />
      <SexField value={draft.sex} onChange={set('sex')} />
      {kind === 'manual' && (
        <OriginFields draft={draft} onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))} />
      )}
      <TextField
        name="placeOfResidence"
        label={label('placeOfResidence')}
        value={draft.placeOfResidence}
        onChange={set('placeOfResidence')}
        autoComplete="off"
      />
      {kind === 'papers' && (
        <TextField
          name="cccdApplicationRef"
          label={label('cccdApplicationRef')}
          value={draft.cccdApplicationRef}
          onChange={(v) => set('cccdApplicationRef')(v.toUpperCase())}
          hint={t('enrollment.identify.applicationRefHint')}
          autoComplete="off"
        />
      )}
      <InvalidFields fields={invalid.map(label)} />
      <button type="submit" className="primary" disabled={busy}>
        {kind === 'manual'
          ? t('enrollment.identify.manualSave')
          : t('enrollment.identify.papersSave')}
      </button>
    </form>
  )
}

/** Nationality and the identity document: for an identity typed in (papers are a CCCD's). */
function OriginFields({
  draft,
  onChange,
}: {
  draft: PersonDraft
  onChange: (patch: Partial<PersonDraft>) => void
}) {
  const { t } = useTranslation()
  return (
    <>
      <SelectField
        name="nationality"
        label={t('enrollment.identify.fields.nationality')}
        value={draft.nationality}
        onChange={(v) => onChange({ nationality: v === 'foreign' ? 'foreign' : 'vn' })}
      >
        <option value="vn">{t('enrollment.identify.nationalities.vn')}</option>
        <option value="foreign">{t('enrollment.identify.nationalities.foreign')}</option>
      </SelectField>
      <SelectField
        name="document"
        label={t('enrollment.identify.fields.document')}
        value={draft.document}
        onChange={(v) => onChange({ document: identityDocuments.find((d) => d === v) ?? 'none' })}
      >
        {identityDocuments.map((doc) => (
          <option key={doc} value={doc}>
            {t(`enrollment.identify.documents.${doc}`)}
          </option>
        ))}
      </SelectField>
    </>
  )
}

function FormIntro({ kind }: { kind: 'manual' | 'papers' }) {
  const { t } = useTranslation()
  return (
    <>
      <h3>
        {kind === 'manual'
          ? t('enrollment.identify.manualTitle')
          : t('enrollment.identify.papersTitle')}
      </h3>
      <p className="intro">
        {kind === 'manual'
          ? t('enrollment.identify.manualIntro')
          : t('enrollment.identify.papersIntro')}
      </p>
    </>
  )
}

function SexField({
  value,
  onChange,
}: {
  value: PersonDraft['sex']
  onChange: (sex: PersonDraft['sex']) => void
}) {
  const { t } = useTranslation()
  return (
    <SelectField
      name="sex"
      label={t('enrollment.identify.fields.sex')}
      value={value}
      onChange={(v) => onChange(v === 'M' || v === 'F' ? v : '')}
    >
      <option value="">{t('enrollment.identify.sexes.unknown')}</option>
      <option value="M">{t('enrollment.identify.sexes.M')}</option>
      <option value="F">{t('enrollment.identify.sexes.F')}</option>
    </SelectField>
  )
}

function fieldLabel(t: TFunction, field: string): string {
  return field === 'cccdApplicationRef'
    ? t('enrollment.identify.applicationRef')
    : t(`enrollment.identify.fields.${field}`)
}

function InvalidFields({ fields }: { fields: string[] }) {
  const { t } = useTranslation()
  if (fields.length === 0) return null
  return (
    <p className="notice notice-error" role="alert" data-testid="person-invalid">
      {t('enrollment.identify.personInvalid', { fields: fields.join(', ') })}
    </p>
  )
}
