import { createCore } from '../../electron/core'
import { dispatchSignedIn, tempKioskConfig } from '../../electron/core/test-support'
import type { BenchSuite } from './run'
import { formatTiming, time } from './stats'

/** The foundation's own costs: starting the core, and one request through the dispatcher. */
export const coreBench: BenchSuite = {
  name: 'core',
  description: 'core start-up and request dispatch (simulated devices)',
  async run(print) {
    const { config, cleanup } = tempKioskConfig()
    try {
      const startup = await time(
        async () => (await createCore(config, { shell: 'cli' })).close(),
        20,
        2,
      )
      print(formatTiming('createCore + close (migrated db)', startup))
      const core = await createCore(config, { shell: 'cli' })
      print(
        formatTiming(
          'dispatch app.info',
          await time(() => dispatchSignedIn(core, 'app.info', {}), 2000),
        ),
      )
      print(
        formatTiming(
          'dispatch devices.list',
          await time(() => dispatchSignedIn(core, 'devices.list', {}), 2000),
        ),
      )
      print(
        formatTiming(
          'dispatch with schema error',
          await time(() => dispatchSignedIn(core, 'settings.setLanguage', { language: 1 }), 2000),
        ),
      )
      print(
        formatTiming(
          'audit append (fsync per commit)',
          await time(() => core.audit.append({ actor: 'bench', action: 'bench.tick' }), 200),
        ),
      )
      await core.close()
    } finally {
      cleanup()
    }
  },
}
