import { useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import type {
  CardAccess,
  KioskClient,
  ReplyError,
  RequestOutput,
  ScenarioSummary,
} from '../../../../electron/contract'
import { ErrorNotice } from '../../components/ErrorNotice'
import { TextField } from '../../components/TextField'
import { canFromTyped, mrzAccess } from './card-access'
import { ReadProgress } from './ReadProgress'
import { useCardRead } from './use-card-read'

/** Under the access field: the CAN it will use, what is wrong after a try, or what to type. */
function accessHintText(
  t: TFunction,
  kind: 'cccd' | 'passport',
  can: string | null,
  valid: boolean,
  tried: boolean,
): string {
  if (kind === 'cccd') {
    if (can) return t('enrollment.identify.accessCan', { can })
    return tried ? t('enrollment.identify.accessInvalid') : t('enrollment.identify.accessHint')
  }
  return tried && !valid ? t('enrollment.identify.mrzInvalid') : t('enrollment.identify.mrzHint')
}

type SimulatedCard = RequestOutput<'card.simulateInsert'>

/**
 * Opens the chip: a CCCD with its CAN (typed as the 12-digit ID or the 6 digits), a passport with
 * its MRZ data. What was typed stays when a read fails, so the officer only corrects it.
 */
export function ChipReadPanel({
  client,
  kind,
  simulated,
  busy,
  onRead,
  now,
}: {
  client: KioskClient
  kind: 'cccd' | 'passport'
  simulated: boolean
  busy: boolean
  /** The read succeeded: the core holds it for `identify.chip`. */
  onRead: () => void
  /** The clock (ms) the time left is estimated with; tests pass a fake one. */
  now?: () => number
}) {
  const { t } = useTranslation()
  const card = useCardRead(client, now)
  const [typed, setTyped] = useState('')
  const [mrz, setMrz] = useState<MrzDraft>({
    documentNumber: '',
    dateOfBirth: '',
    dateOfExpiry: '',
  })
  const [tried, setTried] = useState(false)

  const can = canFromTyped(typed)
  const access: CardAccess | null =
    kind === 'cccd'
      ? can === null
        ? null
        : { kind: 'CAN', can }
      : mrzAccess(mrz.documentNumber, mrz.dateOfBirth, mrz.dateOfExpiry)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setTried(true)
    if (!access || card.reading) return
    if (await card.read(access)) onRead()
  }
  const accessHint = accessHintText(t, kind, can, access !== null, tried)

  return (
    <form className="step-form chip-read" onSubmit={(e) => void submit(e)} data-testid="chip-read">
      <AccessFields
        kind={kind}
        typed={typed}
        mrz={mrz}
        hint={accessHint}
        onTyped={setTyped}
        onMrz={setMrz}
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={card.reading || busy}>
          {t('enrollment.identify.read')}
        </button>
      </div>
      {simulated && <TrainingControls client={client} />}
      {card.reading && (
        <ReadProgress step={card.step} progress={card.progress} estimate={card.estimate} />
      )}
      {card.error && <ReadError error={card.error} />}
    </form>
  )
}

interface MrzDraft {
  documentNumber: string
  dateOfBirth: string
  dateOfExpiry: string
}

/** The CCCD's number (or CAN) field, or the passport's three MRZ fields. */
function AccessFields({
  kind,
  typed,
  mrz,
  hint,
  onTyped,
  onMrz,
}: {
  kind: 'cccd' | 'passport'
  typed: string
  mrz: MrzDraft
  hint: string
  onTyped: (typed: string) => void
  onMrz: (mrz: MrzDraft) => void
}) {
  const { t } = useTranslation()
  return (
    <>
      {kind === 'cccd' ? (
        <TextField
          name="can"
          label={t('enrollment.identify.accessLabel')}
          value={typed}
          onChange={onTyped}
          hint={hint}
          autoComplete="off"
        />
      ) : (
        <fieldset>
          <legend>{t('enrollment.identify.modes.passport')}</legend>
          <TextField
            name="mrzDocumentNumber"
            label={t('enrollment.identify.mrzDocumentNumber')}
            value={mrz.documentNumber}
            onChange={(documentNumber) => onMrz({ ...mrz, documentNumber })}
            autoComplete="off"
          />
          <TextField
            name="mrzBirth"
            label={t('enrollment.identify.mrzBirth')}
            value={mrz.dateOfBirth}
            onChange={(dateOfBirth) => onMrz({ ...mrz, dateOfBirth })}
            autoComplete="off"
          />
          <TextField
            name="mrzExpiry"
            label={t('enrollment.identify.mrzExpiry')}
            value={mrz.dateOfExpiry}
            onChange={(dateOfExpiry) => onMrz({ ...mrz, dateOfExpiry })}
            hint={hint}
            autoComplete="off"
          />
        </fieldset>
      )}
    </>
  )
}

/**
 * Training mode: puts a virtual card on the reader — a training scenario's (resources/scenarios)
 * or one of a chosen birth date, for the child cases — and shows its keys so that a trainer can
 * type them.
 */
function TrainingControls({ client }: { client: KioskClient }) {
  const { t, i18n } = useTranslation()
  const [dateOfBirth, setDateOfBirth] = useState('')
  const [scenarios, setScenarios] = useState<ScenarioSummary[]>([])
  const [chosen, setChosen] = useState('')
  const [card, setCard] = useState<SimulatedCard | null>(null)
  const [error, setError] = useState<ReplyError | null>(null)
  useEffect(() => {
    void client.training.scenarios({}).then((reply) => {
      if (reply.ok) setScenarios(reply.value.filter((s) => s.card !== null))
    })
  }, [client])
  const place = async () => {
    const scenario = scenarios.find((s) => s.name === chosen)?.card
    const birth = dateOfBirth.trim()
    const reply = await client.card.simulateInsert(
      scenario ?? (birth ? { dateOfBirth: birth } : {}),
    )
    setError(reply.ok ? null : reply.error)
    setCard(reply.ok ? reply.value : null)
  }
  const language = i18n.resolvedLanguage === 'en' ? 'en' : 'vi'
  return (
    <div className="training-controls" data-testid="training-controls">
      {scenarios.length > 0 && (
        <div className="field">
          <label htmlFor="training-scenario">{t('enrollment.identify.trainingScenario')}</label>
          <select id="training-scenario" value={chosen} onChange={(e) => setChosen(e.target.value)}>
            <option value="">{t('enrollment.identify.trainingNoScenario')}</option>
            {scenarios.map((s) => (
              <option key={s.name} value={s.name}>
                {s.title[language]}
              </option>
            ))}
          </select>
        </div>
      )}
      {chosen === '' && (
        <TextField
          name="trainingBirthDate"
          label={t('enrollment.identify.trainingBirthDate')}
          value={dateOfBirth}
          onChange={setDateOfBirth}
          hint={t('enrollment.identify.dateHint')}
          autoComplete="off"
        />
      )}
      <button type="button" onClick={() => void place()}>
        {t('enrollment.identify.simulate')}
      </button>
      {card && <TrainingCard card={card} />}
      {error && <ErrorNotice error={error} />}
    </div>
  )
}

/** The keys of the training card, shown so that a trainer can type them. */
function TrainingCard({ card }: { card: SimulatedCard }) {
  const { t } = useTranslation()
  return (
    <div className="notice notice-training" data-testid="training-card" role="status">
      <p>{t('enrollment.identify.simulated', { can: card.accessKeys.can })}</p>
      <p>{t('enrollment.identify.simulatedMrz', card.accessKeys.mrz)}</p>
    </div>
  )
}

/** A failed read: the core's sentence, what to do for a wrong key, and that nothing is lost. */
function ReadError({ error }: { error: ReplyError }) {
  const { t } = useTranslation()
  const triesLeft = error.params?.triesLeft
  return (
    <div data-testid="read-error" data-code={error.code}>
      <ErrorNotice error={error} />
      {error.code === 'E_ACCESS_DENIED' && (
        <p className="detail">{t('enrollment.identify.accessDeniedHint')}</p>
      )}
      {triesLeft !== undefined && (
        <p className="detail" data-testid="tries-left">
          {t('enrollment.identify.triesLeft', { count: Number(triesLeft) })}
        </p>
      )}
      <p className="detail">{t('enrollment.identify.readFailedKeep')}</p>
    </div>
  )
}
