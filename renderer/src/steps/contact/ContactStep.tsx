import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { MOBILE_NETWORK_NAMES, parseEmail, parseMobile } from '../../../../electron/contract'
import { ErrorNotice } from '../../components/ErrorNotice'
import type { Hint } from '../shared/FieldHint'
import { RuleField } from '../shared/RuleField'
import { StepHeading } from '../shared/StepHeading'
import type { StepProps } from '../shared/step-props'

/** The mobile number's hint while typing: its network and E.164 form, or what is wrong. */
export function phoneHint(text: string, okText: (network: string, e164: string) => string): Hint {
  if (text.trim() === '') return null
  const phone = parseMobile(text)
  return phone.valid
    ? { ok: true, text: okText(MOBILE_NETWORK_NAMES[phone.network], phone.e164) }
    : { ok: false, area: 'phone', reason: phone.reason, params: phone.params }
}

export function emailHint(text: string, okText: string): Hint {
  if (text.trim() === '') return null
  const email = parseEmail(text)
  return email.ok
    ? { ok: true, text: okText }
    : { ok: false, area: 'email', reason: email.reason, params: email.params }
}

/** Step 3: the mobile number the activation message goes to, and an optional email. */
export function ContactStep({ api }: StepProps) {
  const { t } = useTranslation()
  const contact = api.view.contact
  const [phone, setPhone] = useState(contact ? `0${contact.phone.slice(3)}` : '')
  const [email, setEmail] = useState(contact?.email ?? '')
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void api.send({ type: 'contact.set', phone, ...(email.trim() ? { email } : {}) })
  }
  return (
    <section className="step step-contact" aria-labelledby="step-title">
      <StepHeading step="contact" title={t('enrollment.contact.title')} />
      <form className="step-form" onSubmit={submit}>
        <RuleField
          name="phone"
          label={t('enrollment.contact.phone')}
          value={phone}
          onChange={setPhone}
          inputMode="tel"
          help={t('enrollment.contact.phoneHint')}
          hint={phoneHint(phone, (network, e164) =>
            t('enrollment.contact.phoneOk', { network, e164 }),
          )}
        />
        <RuleField
          name="email"
          label={t('enrollment.contact.email')}
          value={email}
          onChange={setEmail}
          inputMode="email"
          hint={emailHint(email, t('enrollment.contact.emailOk'))}
        />
        {api.error && <ErrorNotice error={api.error} />}
        <div className="step-actions">
          <button type="submit" className="primary" disabled={api.busy}>
            {t('enrollment.flow.continue')}
          </button>
        </div>
      </form>
    </section>
  )
}
