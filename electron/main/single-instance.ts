/** The part of Electron's `app` single-instance locking uses. */
export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean
  quit(): void
  on(event: 'second-instance', listener: () => void): unknown
}

/**
 * One kiosk per station: two would fight over the card reader, the fingerprint port and the
 * database. The first start holds the lock and is brought to the front by any later start, which
 * quits. True when this process is the one to run.
 */
export function claimSingleInstance(app: SingleInstanceApp, bringToFront: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return false
  }
  app.on('second-instance', bringToFront)
  return true
}
