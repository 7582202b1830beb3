import { randomBytes } from 'node:crypto'
import { createCore } from '../../electron/core'
import { hashPassword, STATION_SCRYPT_COST, verifyPassword } from '../../electron/core/officers'
import { tempKioskConfig } from '../../electron/core/test-support'
import { requestChannels } from '../../electron/contract'
import type { BenchSuite } from './run'
import { formatTiming, time } from './stats'

const PASSWORD = 'sông Hồng chảy về biển'

/** Sign-in latency (the scrypt hash at the station's cost) and the role check on every request. */
export const officersBench: BenchSuite = {
  name: 'officers',
  description: 'password hash (scrypt N=2^16, r=8, p=1), sign-in, role check per request',
  async run(print) {
    const hash = await hashPassword(PASSWORD, randomBytes)
    print(formatTiming('scrypt hash', await time(() => hashPassword(PASSWORD, randomBytes), 10, 1)))
    print(formatTiming('scrypt verify', await time(() => verifyPassword(PASSWORD, hash), 10, 1)))
    const { config, cleanup } = tempKioskConfig()
    try {
      const core = await createCore(config, { shell: 'cli', passwordCost: STATION_SCRYPT_COST })
      const officer = { username: 'chi-huy', displayName: 'Trần Văn Hùng', policeId: '' }
      await core.officers.accounts.create(
        { ...officer, role: 'supervisor', password: PASSWORD },
        'bench',
      )
      const caller = core.connect('cli')
      print(
        formatTiming(
          'sign-in (lookup, verify, session)',
          await time(() => core.officers.signIn(caller, 'chi-huy', PASSWORD), 10, 1),
        ),
      )
      // The dispatcher's check alone: the role table, the session, the idle clock.
      const rounds = 200_000
      const started = performance.now()
      for (let i = 0; i < rounds; i++)
        core.officers.authorize(requestChannels[i % requestChannels.length]!, caller)
      const perCheckMs = (performance.now() - started) / rounds
      print(`role check per request: ${(perCheckMs * 1000).toFixed(2)} µs (limit 50 µs)`)
      await core.close()
    } finally {
      cleanup()
    }
  },
}
