import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { ScenarioSchema, type Scenario, type ScenarioSummary } from '../../contract'
import { safeParse } from '../../../lib/schema'

const FOLDER = join('resources', 'scenarios')

/** resources/scenarios, found upwards from this module (source tree, bundle or package). */
export function scenarioFolder(moduleDir: string = import.meta.dirname): string | null {
  for (let dir = moduleDir; ; dir = dirname(dir)) {
    const candidate = join(dir, FOLDER)
    if (existsSync(candidate)) return candidate
    if (dirname(dir) === dir) return null
  }
}

/** Every valid scenario of the folder, by name; a file that does not parse is left out. */
export function loadScenarios(folder: string | null = scenarioFolder()): Scenario[] {
  if (!folder) return []
  return readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .flatMap((name) => {
      let json: unknown
      try {
        json = JSON.parse(readFileSync(join(folder, name), 'utf8'))
      } catch {
        return []
      }
      const parsed = safeParse(ScenarioSchema, json)
      return parsed.success ? [parsed.data] : []
    })
}

/** What the kiosk's training mode shows: no accounts or passwords, just what to put on the reader. */
export function scenarioSummary(scenario: Scenario): ScenarioSummary {
  const card = scenario.card
  return {
    name: scenario.name,
    title: scenario.title,
    card: card
      ? {
          citizenSeed: card.citizenSeed,
          ...(card.scenario ? { scenario: card.scenario } : {}),
          ...(card.dateOfBirth ? { dateOfBirth: card.dateOfBirth } : {}),
        }
      : null,
  }
}
