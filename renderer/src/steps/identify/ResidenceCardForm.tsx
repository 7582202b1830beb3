import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { EnrollmentIntent } from '../../../../electron/contract'
import { TextField } from '../../components/TextField'
import { SelectField } from '../shared/SelectField'

/** A foreigner's residence card, which goes with the passport chip read. */
export function ResidenceCardForm({
  busy,
  onSend,
}: {
  busy: boolean
  onSend: (intent: EnrollmentIntent) => void
}) {
  const { t } = useTranslation()
  const [kind, setKind] = useState<'temporary' | 'permanent'>('temporary')
  const [number, setNumber] = useState('')
  const submit = (e: FormEvent) => {
    e.preventDefault()
    onSend({
      type: 'identify.residenceCard',
      residenceCard: { kind, number: number.trim().toUpperCase() },
    })
  }
  return (
    <form className="step-form" onSubmit={submit} data-testid="residence-form">
      <h3>{t('enrollment.identify.residenceTitle')}</h3>
      <p className="intro">{t('enrollment.identify.residenceIntro')}</p>
      <SelectField
        name="residenceKind"
        label={t('enrollment.identify.residenceKind')}
        value={kind}
        onChange={(v) => setKind(v === 'permanent' ? 'permanent' : 'temporary')}
      >
        <option value="temporary">{t('enrollment.identify.residenceKinds.temporary')}</option>
        <option value="permanent">{t('enrollment.identify.residenceKinds.permanent')}</option>
      </SelectField>
      <TextField
        name="residenceNumber"
        label={t('enrollment.identify.residenceNumber')}
        value={number}
        onChange={setNumber}
        autoComplete="off"
      />
      <button type="submit" className="primary" disabled={busy}>
        {t('enrollment.identify.residenceSave')}
      </button>
    </form>
  )
}
