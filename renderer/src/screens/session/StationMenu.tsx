import { useTranslation } from 'react-i18next'
import type { SessionInfo } from '../../../../electron/contract'

export type StationView = 'home' | 'officers' | 'changePassword' | 'approval' | 'portrait'

/** Who is signed in, and the station's actions: home, officers (supervisors), lock, sign out. */
export function StationMenu({
  session,
  view,
  onView,
  onLock,
  onSignOut,
}: {
  session: SessionInfo
  view: StationView
  onView: (view: StationView) => void
  onLock: () => void
  onSignOut: () => void
}) {
  const { t } = useTranslation()
  const role = t(`officers.roles.${session.role}`)
  return (
    <nav className="station-menu" aria-label={t('session.menu.label')}>
      <span className="signed-in-as" data-testid="signed-in-as">
        {t('session.menu.signedInAs', { name: session.displayName, role })}
      </span>
      {view !== 'home' && (
        <button type="button" onClick={() => onView('home')}>
          {t('session.menu.home')}
        </button>
      )}
      {session.role === 'supervisor' && view !== 'officers' && (
        <button type="button" onClick={() => onView('officers')}>
          {t('session.menu.officers')}
        </button>
      )}
      {session.role !== 'support' && view !== 'portrait' && (
        <button type="button" onClick={() => onView('portrait')}>
          {t('session.menu.portrait')}
        </button>
      )}
      {session.role !== 'support' && view !== 'approval' && (
        <button type="button" onClick={() => onView('approval')}>
          {t('session.menu.approval')}
        </button>
      )}
      {view !== 'changePassword' && (
        <button type="button" onClick={() => onView('changePassword')}>
          {t('session.menu.changePassword')}
        </button>
      )}
      <button type="button" onClick={onLock}>
        {t('session.menu.lock')}
      </button>
      <button type="button" onClick={onSignOut}>
        {t('session.menu.signOut')}
      </button>
    </nav>
  )
}
