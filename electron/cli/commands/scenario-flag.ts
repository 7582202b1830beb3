import { isScenarioName, SCENARIO_NAMES, type ScenarioName } from '../../../drivers/smartcard'
import { CliError } from '../output'
import { EXIT } from '../exit-codes'

/** `--scenario NAME` of the virtual CCCD commands, or a CliError listing the known ones. */
export function scenarioFlag(value: string): ScenarioName {
  if (isScenarioName(value)) return value
  throw new CliError(
    'cli.errors.unknownScenario',
    {},
    EXIT.USAGE,
    `${value} (have: ${SCENARIO_NAMES.join(', ')})`,
  )
}
