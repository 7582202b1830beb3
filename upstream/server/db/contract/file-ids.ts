import type { FileRepository } from '../files'
import type { AsyncRepository } from '../async-repository'
import type { TerminalRepository } from '../terminals'
import { terminal } from './registry-contract'

let counter = 0
/** A UUID of its own per call (the body stores' tests need many distinct file ids). */
export function nextFileId(): string {
  counter += 1
  return `00000000-0000-4000-9000-${String(counter).padStart(12, '0')}`
}

/**
 * `newFile` for a database backend: each call announces one more file of terminal T-1 (registered
 * on the first call), since chunks belong to a file.
 */
export function announcingNewFile(backend: {
  terminals: AsyncRepository<TerminalRepository>
  files: AsyncRepository<FileRepository>
}): () => Promise<string> {
  let registered = false
  return async () => {
    if (!registered) await backend.terminals.upsert(terminal('T-1'))
    registered = true
    const fileId = nextFileId()
    const file = { fileId, terminalId: 'T-1', sha256: 'c'.repeat(64), size: 1000 }
    await backend.files.announce({ ...file, source: 'upload', at: 't0' })
    return fileId
  }
}
