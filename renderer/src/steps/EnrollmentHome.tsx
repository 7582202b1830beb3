import { useCallback, useEffect, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type {
  AppInfo,
  EnrollmentView,
  KioskClient,
  Reply,
  ReplyError,
  SessionInfo,
} from '../../../electron/contract'
import { ErrorNotice } from '../components/ErrorNotice'
import { LanguageSwitch } from '../components/LanguageSwitch'
import { StationHome } from '../screens/home/StationHome'
import { EnrollmentFlow } from './EnrollmentFlow'

type Shown =
  | { kind: 'checking' }
  | { kind: 'home'; error: ReplyError | null }
  | { kind: 'flow'; view: EnrollmentView }
  /** The saved draft could not be reopened: the core set it aside; say so, then home. */
  | { kind: 'unusable'; error: ReplyError }

/** What to show once the core answered whether this officer has an enrollment in progress. */
function shownAfterResume(reply: Reply<EnrollmentView | null>): Shown {
  if (reply.ok)
    return reply.value ? { kind: 'flow', view: reply.value } : { kind: 'home', error: null }
  if (reply.error.code === 'E_DRAFT_UNUSABLE') return { kind: 'unusable', error: reply.error }
  return { kind: 'home', error: reply.error }
}

/**
 * The signed-in station: its home, or the enrollment in progress. On mount (sign-in, reload,
 * unlock) the core is asked for this officer's enrollment, so a draft resumes at its step.
 */
export function EnrollmentHome({
  client,
  info,
  menu,
  session,
}: {
  client: KioskClient
  info: AppInfo
  menu: ReactNode
  session: SessionInfo
}) {
  const { t } = useTranslation()
  const enrolls = session.role !== 'support'
  const [shown, setShown] = useState<Shown>(
    enrolls ? { kind: 'checking' } : { kind: 'home', error: null },
  )

  useEffect(() => {
    if (!enrolls) return
    void client.enrollment.current({}).then((reply) => setShown(shownAfterResume(reply)))
  }, [client, enrolls])

  const start = async (recreates?: string) => {
    const reply = await client.enrollment.start(recreates ? { recreates } : {})
    setShown(reply.ok ? { kind: 'flow', view: reply.value } : { kind: 'home', error: reply.error })
  }
  const home = useCallback(() => setShown({ kind: 'home', error: null }), [])

  if (shown.kind === 'checking') return <p className="loading">{t('enrollment.flow.loading')}</p>
  if (shown.kind === 'home')
    return (
      <>
        {shown.error && <ErrorNotice error={shown.error} />}
        <StationHome
          client={client}
          info={info}
          menu={menu}
          {...(enrolls ? { onStartEnrollment: (recreates?: string) => void start(recreates) } : {})}
        />
      </>
    )
  return (
    <div className="home enrollment-screen">
      <header className="topbar no-print">
        <div>
          <h1>{t('enrollment.flow.title')}</h1>
          <p className="agency">{t('app.agency')}</p>
        </div>
        <LanguageSwitch client={client} />
      </header>
      <div className="no-print">{menu}</div>
      {shown.kind === 'unusable' ? (
        <div data-testid="draft-unusable">
          <ErrorNotice error={shown.error} />
          <button type="button" className="primary" onClick={home}>
            {t('enrollment.flow.home')}
          </button>
        </div>
      ) : (
        <EnrollmentFlow
          client={client}
          devicesMode={info.devicesMode}
          initial={shown.view}
          onExit={home}
        />
      )}
    </div>
  )
}
