import { originOf } from './origin'

export interface PermissionRequestDetails {
  requestingUrl?: string
  mediaTypes?: readonly string[]
}

export interface PermissionPolicy {
  /** For `session.setPermissionRequestHandler`. */
  request(permission: string, details: PermissionRequestDetails): boolean
  /** For `session.setPermissionCheckHandler`. */
  check(permission: string, requestingOrigin: string, mediaType?: string): boolean
}

/**
 * The kiosk grants one permission: the camera (video only, no microphone) to our own origin.
 * Notifications, geolocation, clipboard, USB, serial, HID… are all refused: devices are the main
 * process's job, not the page's.
 */
export function createPermissionPolicy(appOrigin: string): PermissionPolicy {
  return {
    request(permission, details) {
      if (permission !== 'media') return false
      if (originOf(details.requestingUrl) !== appOrigin) return false
      const types = details.mediaTypes ?? []
      return types.length > 0 && types.every((t) => t === 'video')
    },
    check(permission, requestingOrigin, mediaType) {
      if (permission !== 'media') return false
      if (originOf(requestingOrigin) !== appOrigin) return false
      return mediaType === undefined || mediaType === 'video'
    },
  }
}
