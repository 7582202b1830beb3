// Renders the enrollment flow at a given view for the steps' component tests; never bundled.
import type { EnrollmentView } from '../../../electron/contract'
import { renderTranslated } from '../test-support'
import { EnrollmentFlow } from './EnrollmentFlow'
import { enrollmentKiosk } from './enrollment-fixtures'

export async function renderFlow(
  initial: EnrollmentView,
  handlers: Parameters<typeof enrollmentKiosk>[0] = {},
  options: { devicesMode?: 'real' | 'simulated'; language?: 'vi' | 'en' } = {},
) {
  const kiosk = enrollmentKiosk(handlers)
  let exits = 0
  const rendered = await renderTranslated(
    <EnrollmentFlow
      client={kiosk.client}
      devicesMode={options.devicesMode ?? 'real'}
      initial={initial}
      onExit={() => (exits += 1)}
    />,
    options.language ?? 'vi',
  )
  return { ...kiosk, ...rendered, exits: () => exits }
}
