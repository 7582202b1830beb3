import { useCallback, useEffect, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type {
  KioskClient,
  ReplyError,
  SessionInfo,
  SessionStatus,
} from '../../../../electron/contract'
import { ErrorNotice } from '../../components/ErrorNotice'
import { ApprovalDialog } from '../approval/ApprovalDialog'
import { OfficersScreen } from '../officers/OfficersScreen'
import { PortraitScreen } from '../portrait/PortraitScreen'
import { ChangePasswordScreen } from './ChangePasswordScreen'
import { LockScreen } from './LockScreen'
import { SetupScreen } from './SetupScreen'
import { SignInScreen } from './SignInScreen'
import { StationMenu, type StationView } from './StationMenu'
import { useIdleLock } from './use-idle-lock'

/**
 * Nothing of the station shows before an officer signs in (or, on first run, sets it up with the
 * one-time code). While the screen is locked, `children` is unmounted: no citizen detail stays in
 * the page, hidden or not.
 */
export function SessionGate({
  client,
  children,
}: {
  client: KioskClient
  children: (menu: ReactNode, session: SessionInfo) => ReactNode
}) {
  const { t } = useTranslation()
  const [status, setStatus] = useState<SessionStatus | null>(null)
  const [error, setError] = useState<ReplyError | null>(null)
  const [view, setView] = useState<StationView>('home')
  const [signingInOther, setSigningInOther] = useState(false)

  const refresh = useCallback(
    () =>
      client.session
        .status({})
        .then((reply) => (reply.ok ? setStatus(reply.value) : setError(reply.error))),
    [client],
  )
  useEffect(() => {
    void refresh()
  }, [refresh])

  const session = status?.session ?? null
  const setSession = (next: SessionInfo | null) => {
    setSigningInOther(false)
    setView('home')
    setStatus((s) => s && { ...s, setupRequired: false, session: next })
  }
  const lock = useCallback(async () => {
    const reply = await client.session.lock({})
    if (reply.ok) setStatus((s) => s && { ...s, session: reply.value })
    else void refresh()
  }, [client, refresh])
  const touch = useCallback(() => {
    void client.session.touch({}).then((reply) => {
      if (!reply.ok || reply.value.locked) void refresh()
    })
  }, [client, refresh])
  useIdleLock(
    status?.idleLockMinutes ?? 2,
    session !== null && !session.locked,
    () => void lock(),
    touch,
  )

  if (error) return <ErrorNotice error={error} />
  if (!status) return <p className="loading">{t('app.loading')}</p>
  if (status.setupRequired) return <SetupScreen client={client} onSignedIn={setSession} />
  if (!session || signingInOther) return <SignInScreen client={client} onSignedIn={setSession} />
  if (session.locked)
    return (
      <LockScreen
        client={client}
        session={session}
        onUnlocked={setSession}
        onOtherOfficer={() => setSigningInOther(true)}
      />
    )
  if (session.mustChangePassword)
    return <ChangePasswordScreen client={client} required onChanged={setSession} />
  return (
    <SignedIn
      client={client}
      session={session}
      view={view}
      onView={setView}
      onLock={() => void lock()}
      onSession={setSession}
    >
      {children}
    </SignedIn>
  )
}

/** The signed-in station: its menu, and the view it chose (home, officers, password change). */
function SignedIn({
  client,
  session,
  view,
  onView,
  onLock,
  onSession,
  children,
}: {
  client: KioskClient
  session: SessionInfo
  view: StationView
  onView: (view: StationView) => void
  onLock: () => void
  onSession: (session: SessionInfo | null) => void
  children: (menu: ReactNode, session: SessionInfo) => ReactNode
}) {
  const menu = (
    <StationMenu
      session={session}
      view={view}
      onView={onView}
      onLock={onLock}
      onSignOut={() => void client.session.signOut({}).then(() => onSession(null))}
    />
  )
  if (view === 'changePassword')
    return (
      <>
        {menu}
        <ChangePasswordScreen
          client={client}
          required={false}
          onChanged={onSession}
          onCancel={() => onView('home')}
        />
      </>
    )
  if (view === 'approval')
    return (
      <>
        {menu}
        <ApprovalDialog client={client} onClose={() => onView('home')} />
      </>
    )
  if (view === 'portrait')
    return (
      <>
        {menu}
        <PortraitScreen client={client} portrait={client.portrait} onAccepted={() => undefined} />
      </>
    )
  if (view === 'officers')
    return (
      <>
        {menu}
        <OfficersScreen client={client} selfId={session.officerId} />
      </>
    )
  return <>{children(menu, session)}</>
}
