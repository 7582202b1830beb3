import { join } from 'node:path'

export interface AppLocation {
  packaged: boolean
  /** Electron's `process.resourcesPath`: the folder holding app.asar in an installed kiosk. */
  resourcesPath: string
  /** `app.getAppPath()`: the project root in development, app.asar once packaged. */
  appPath: string
}

/**
 * The folder of resources/ the kiosk reads at run time (trust list, scenarios, camera stills).
 * Installed, electron-builder's extraResources puts it beside app.asar as plain files (tools such
 * as ffmpeg cannot read inside an asar); in development it is the project's own.
 */
export function shippedResourcesDir(location: AppLocation): string {
  return location.packaged
    ? join(location.resourcesPath, 'resources')
    : join(location.appPath, 'resources')
}
