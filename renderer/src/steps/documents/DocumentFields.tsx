import { useTranslation } from 'react-i18next'
import { LICENCE_CLASSES_2008, LICENCE_CLASSES_2024 } from '../../../../electron/contract'
import { RuleField } from '../shared/RuleField'
import { SelectField } from '../shared/SelectField'
import type { documentHints } from './document-hints'

type Hints = ReturnType<typeof documentHints>

/** The 2008 classes that Law 36/2024 no longer issues (A1, B1, C and D exist in both). */
const OLD_ONLY = LICENCE_CLASSES_2008.filter(
  (code) => !(LICENCE_CLASSES_2024 as readonly string[]).includes(code),
)

export interface LicenceDraft {
  number: string
  licenceClass: string
  expiry: string
}

export interface VehicleDraft {
  plate: string
  registrationNumber: string
}

/** Number, class (the 2024 classes, then the old ones marked as old) and expiry. */
export function LicenceFields({
  licence,
  hints,
  onChange,
}: {
  licence: LicenceDraft
  hints: Hints
  onChange: (licence: LicenceDraft) => void
}) {
  const { t } = useTranslation()
  return (
    <fieldset>
      <legend>{t('enrollment.documents.licenceTitle')}</legend>
      <RuleField
        name="licenceNumber"
        label={t('enrollment.documents.licenceNumber')}
        value={licence.number}
        onChange={(number) => onChange({ ...licence, number })}
        inputMode="numeric"
        hint={hints.licence(licence.number)}
      />
      <SelectField
        name="licenceClass"
        label={t('enrollment.documents.licenceClass')}
        value={licence.licenceClass}
        onChange={(licenceClass) => onChange({ ...licence, licenceClass })}
      >
        <option value="">{t('enrollment.documents.licenceClassNone')}</option>
        <optgroup label={t('enrollment.documents.classes2024')}>
          {LICENCE_CLASSES_2024.map((code) => (
            <option key={code} value={code}>
              {code}
            </option>
          ))}
        </optgroup>
        <optgroup label={t('enrollment.documents.classes2008')}>
          {OLD_ONLY.map((code) => (
            <option key={code} value={code}>
              {t('enrollment.documents.oldClass', { class: code })}
            </option>
          ))}
        </optgroup>
      </SelectField>
      <RuleField
        name="licenceExpiry"
        label={t('enrollment.documents.licenceExpiry')}
        value={licence.expiry}
        onChange={(expiry) => onChange({ ...licence, expiry })}
        help={t('enrollment.documents.licenceExpiryHint')}
        hint={hints.expiry(licence.expiry)}
      />
    </fieldset>
  )
}

/** 0 to 10 vehicles: plate and registration-certificate number each, with add and remove. */
export function VehicleFields({
  vehicles,
  hints,
  onChange,
}: {
  vehicles: VehicleDraft[]
  hints: Hints
  onChange: (vehicles: VehicleDraft[]) => void
}) {
  const { t } = useTranslation()
  const set = (index: number, row: Partial<VehicleDraft>) =>
    onChange(vehicles.map((r, i) => (i === index ? { ...r, ...row } : r)))
  return (
    <fieldset data-testid="vehicles">
      <legend>{t('enrollment.documents.vehiclesTitle')}</legend>
      {vehicles.map((row, index) => (
        <div
          key={index}
          className="vehicle-row"
          role="group"
          aria-label={t('enrollment.documents.vehicleLabel', { number: index + 1 })}
        >
          <RuleField
            name={`plate-${index}`}
            label={t('enrollment.documents.plate')}
            value={row.plate}
            onChange={(plate) => set(index, { plate })}
            hint={hints.plate(row.plate)}
          />
          <RuleField
            name={`registration-${index}`}
            label={t('enrollment.documents.registrationNumber')}
            value={row.registrationNumber}
            onChange={(registrationNumber) => set(index, { registrationNumber })}
            inputMode="numeric"
            hint={hints.registration(row.registrationNumber)}
          />
          <button type="button" onClick={() => onChange(vehicles.filter((_, i) => i !== index))}>
            {t('enrollment.documents.removeVehicle', { number: index + 1 })}
          </button>
        </div>
      ))}
      {vehicles.length < 10 && (
        <button
          type="button"
          onClick={() => onChange([...vehicles, { plate: '', registrationNumber: '' }])}
        >
          {t('enrollment.documents.addVehicle')}
        </button>
      )}
    </fieldset>
  )
}
