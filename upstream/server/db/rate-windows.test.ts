import { describe } from 'vitest'
import { asyncRepository } from './async-repository'
import { rateWindowsContract } from './contract/rate-windows-contract'
import { memoryRateWindows } from './rate-windows'

describe('rate windows in memory (SQLite, one process)', () => {
  rateWindowsContract(async () => asyncRepository(memoryRateWindows()))
})
