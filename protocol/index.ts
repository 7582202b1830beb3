/**
 * The wire contract between the kiosk's sync client (electron/core/sync) and the upstream
 * (upstream/server). Both sides import only this folder for the protocol. Stable: additions only.
 */
export * from './errors'
export * from './export-media'
export * from './keys'
export * from './paths'
export * from './receipt'
export * from './request-signing'
export * from './schemas'
export * from './signature'
