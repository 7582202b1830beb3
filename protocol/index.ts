/**
 * What the kiosk (electron/core) and the upstream (upstream/server) both speak: the enrollment-file
 * format (packet/), the sync API schemas, request signing, receipts and export media. Stable:
 * additions only.
 */
export * from './audit-checkpoint'
export * from './digest'
export * from './errors'
export * from './export-media'
export * from './keys'
export * from './paths'
export * from './receipt'
export * from './registration-code'
export * from './request-signing'
export * from './response-signing'
export * from './schemas'
export * from './signature'
export * from './packet'
