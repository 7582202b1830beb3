import {
  isScenarioName,
  SCENARIO_NAMES,
  type ScenarioName,
} from '../../../drivers/smartcard'
import { CliError } from '../output'

/** `--scenario NAME` of the virtual CCCD commands, or a CliError listing the known ones. */
export function scenarioFlag(value: string): ScenarioName {
  if (isScenarioName(value)) return value
  throw new CliError(
    'Không có kịch bản này',
    'Unknown scenario',
    `${value} (have: ${SCENARIO_NAMES.join(', ')})`,
    1,
  )
}
