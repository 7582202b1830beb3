/** The reference intake server. The wire contract is ../protocol. */
export { openUpstream, startUpstream, startTrainingUpstream } from './upstream'
export type { ListeningUpstream, TrainingUpstream, Upstream, UpstreamOptions } from './upstream'
export type { UpstreamStats } from './db/files'
export type { SmsMessage } from './db/sms-outbox'
export {
  keysDirOf,
  keysInsideDataDir,
  readUpstreamPublicKeys,
  UPSTREAM_PUBLIC_KEYS_FILE,
  UpstreamKeysError,
  type UpstreamKeysProblem,
} from './keys/upstream-keys'
export { importExportMedia, type ImportReport } from './intake/import-media'
export { approvalSms } from './review/sms-text'
export { UpstreamError } from './errors'
export { readUpstreamStats } from './upstream'
export { isPostgresUrl } from './db/open-store'
export { isDatabaseUnavailable } from './db/pg/pg-errors'
export type { SmsDelivery, SmsDeliveryOptions } from './sms-delivery'
export { ReviewerAdminError, type ReviewerListing } from './review/accounts/reviewer-admin'
export type { ReviewerRole } from './review/accounts/reviewer'
