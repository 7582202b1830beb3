import type { AsyncRepository } from '../async-repository'
import type { FileRepository } from '../files'
import type { InviteRepository } from '../invites'
import type { NonceStore } from '../nonces'
import type { StatusEventRepository } from '../status-events'
import type { TerminalRepository } from '../terminals'

/** One backend's repositories on an empty, migrated database, as the contract tests see them. */
export interface BackendUnderTest {
  terminals: AsyncRepository<TerminalRepository>
  invites: AsyncRepository<InviteRepository>
  nonces: AsyncRepository<NonceStore>
  files: AsyncRepository<FileRepository>
  statusEvents: AsyncRepository<StatusEventRepository>
}
