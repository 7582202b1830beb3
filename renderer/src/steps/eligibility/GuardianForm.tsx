import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { Guardian } from '../../../../electron/contract'
import { TextField } from '../../components/TextField'
import { SelectField } from '../shared/SelectField'

const relationships = ['father', 'mother', 'guardian', 'other'] as const

/** The legal representative of a child under 14: name, 12-digit ID and relationship. */
export function GuardianForm({
  guardian,
  busy,
  onSave,
}: {
  guardian: Guardian | null
  busy: boolean
  onSave: (guardian: Guardian) => void
}) {
  const { t } = useTranslation()
  const [fullName, setFullName] = useState(guardian?.fullName ?? '')
  const [idNumber, setIdNumber] = useState(guardian?.idNumber ?? '')
  const [relationship, setRelationship] = useState<Guardian['relationship']>(
    guardian?.relationship ?? 'mother',
  )
  const [tried, setTried] = useState(false)
  const id = idNumber.replace(/[\s.-]/g, '')
  const idOk = /^\d{12}$/.test(id)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    setTried(true)
    if (!idOk || fullName.trim() === '') return
    onSave({ fullName: fullName.trim(), idNumber: id, relationship })
  }
  return (
    <form className="step-form" onSubmit={submit} data-testid="guardian-form">
      <h3>{t('enrollment.eligibility.guardianTitle')}</h3>
      <p className="intro">{t('enrollment.eligibility.guardianIntro')}</p>
      <TextField
        name="guardianName"
        label={t('enrollment.eligibility.guardianName')}
        value={fullName}
        onChange={setFullName}
        autoComplete="off"
      />
      <TextField
        name="guardianId"
        label={t('enrollment.eligibility.guardianId')}
        value={idNumber}
        onChange={setIdNumber}
        autoComplete="off"
        {...(tried && !idOk ? { hint: t('enrollment.eligibility.guardianIdInvalid') } : {})}
      />
      <SelectField
        name="relationship"
        label={t('enrollment.eligibility.relationship')}
        value={relationship}
        onChange={(v) => setRelationship(relationships.find((r) => r === v) ?? 'other')}
      >
        {relationships.map((r) => (
          <option key={r} value={r}>
            {t(`enrollment.eligibility.relationships.${r}`)}
          </option>
        ))}
      </SelectField>
      {guardian && (
        <p className="notice notice-ok" role="status" data-testid="guardian-recorded">
          {t('enrollment.eligibility.guardianRecorded', {
            name: guardian.fullName,
            relationship: t(`enrollment.eligibility.relationships.${guardian.relationship}`),
          })}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {t('enrollment.eligibility.guardianSave')}
      </button>
    </form>
  )
}
