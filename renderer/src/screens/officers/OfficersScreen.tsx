import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { KioskClient, OfficerSummary, Reply, ReplyError } from '../../../../electron/contract'
import { ErrorNotice } from '../../components/ErrorNotice'

/** The station's officers for a supervisor: state, and unlock / disable / enable. */
export function OfficersScreen({ client, selfId }: { client: KioskClient; selfId: string }) {
  const { t } = useTranslation()
  const [officers, setOfficers] = useState<OfficerSummary[]>([])
  const [error, setError] = useState<ReplyError | null>(null)
  const [notice, setNotice] = useState<string | null>(null)

  const load = useCallback(
    () =>
      client.officers
        .list({})
        .then((reply) => (reply.ok ? setOfficers(reply.value) : setError(reply.error))),
    [client],
  )
  useEffect(() => {
    void load()
  }, [load])

  const act = async (request: Promise<Reply<OfficerSummary>>) => {
    const reply = await request
    if (!reply.ok) return setError(reply.error)
    setError(null)
    setNotice(t('officers.updated', { name: reply.value.displayName }))
    await load()
  }

  return (
    <section className="panel" aria-labelledby="officers-title">
      <h2 id="officers-title">{t('officers.title')}</h2>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {error && <ErrorNotice error={error} />}
      <ul className="officer-list" data-testid="officer-list">
        {officers.map((o) => (
          <OfficerRow
            key={o.officerId}
            officer={o}
            self={o.officerId === selfId}
            onAct={(action) => void act(client.officers[action]({ officerId: o.officerId }))}
          />
        ))}
      </ul>
    </section>
  )
}

function OfficerRow({
  officer: o,
  self,
  onAct,
}: {
  officer: OfficerSummary
  self: boolean
  onAct: (action: 'unlock' | 'disable' | 'enable') => void
}) {
  const { t } = useTranslation()
  return (
    <li className={`officer state-${o.state}`}>
      <span className="officer-name">{o.displayName}</span>
      <span className="officer-username">{o.username}</span>
      <span>{t(`officers.roles.${o.role}`)}</span>
      <span className="officer-state">
        {t(`officers.states.${o.state}`)}
        {o.mustChangePassword && <span className="must-change">{t('officers.mustChange')}</span>}
      </span>
      <span
        className="officer-actions"
        role="group"
        aria-label={t('officers.actionsFor', { name: o.displayName })}
      >
        {o.state === 'locked' && (
          <button type="button" onClick={() => onAct('unlock')}>
            {t('officers.unlock')}
          </button>
        )}
        {!self && o.state !== 'disabled' && (
          <button type="button" onClick={() => onAct('disable')}>
            {t('officers.disable')}
          </button>
        )}
        {o.state === 'disabled' && (
          <button type="button" onClick={() => onAct('enable')}>
            {t('officers.enable')}
          </button>
        )}
      </span>
    </li>
  )
}
