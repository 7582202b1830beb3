import { describe } from 'vitest'
import { usePostgresDatabases } from '../../../../tests/support/postgres'
import { bodyStoreContract } from '../contract/body-store-contract'
import { announcingNewFile } from '../contract/file-ids'
import {
  unfinishedUploadsContract,
  type UnfinishedUploadsUnderTest,
} from '../contract/unfinished-uploads-contract'
import { upstreamPgMigrations } from './migrations'
import { createPgBodyStore } from './pg-body-store'
import { createPgFileRepository } from './pg-files'
import { createPgTerminalRepository } from './pg-registry'
import { poolScope } from './pg-scope'
import { createPgUnfinishedUploads } from './pg-unfinished-uploads'

const databases = usePostgresDatabases()

async function openPg(): Promise<UnfinishedUploadsUnderTest> {
  const db = await databases.open(upstreamPgMigrations)
  const scope = poolScope(db)
  return {
    terminals: createPgTerminalRepository(db.pool),
    files: createPgFileRepository(db.pool),
    unfinished: createPgUnfinishedUploads(scope),
    bodies: createPgBodyStore(scope),
  }
}

describe('bodies and unfinished uploads on PostgreSQL', () => {
  bodyStoreContract(async () => {
    const backend = await openPg()
    return { bodies: backend.bodies, newFile: announcingNewFile(backend) }
  }, 25)
  unfinishedUploadsContract(openPg)
})
