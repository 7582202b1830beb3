import {
  OfficerRoleSchema,
  UsernameSchema,
  DisplayNameSchema,
  PoliceIdSchema,
} from '../../../contract'
import type { OfficerRecord } from '../../../core/store'
import { bilingualMessage } from '../../../../lib/messages'
import { safeParse } from '../../../../lib/schema'
import { parseCommandArgs } from '../../args'
import { EXIT } from '../../exit-codes'
import { CliError, type CliIo } from '../../output'
import { openStationCore, type StationCore } from '../station-core'
import { cliErrorOf, signInOrFail } from './cli-session'
import { createSecretReader, type SecretReader } from './read-secret'

type Io = { io: CliIo; env: NodeJS.ProcessEnv }

function field<T>(schema: Parameters<typeof safeParse>[0], value: unknown, name: string): T {
  const parsed = safeParse(schema, value)
  if (!parsed.success)
    throw new CliError('cli.errors.invalidOfficerField', { field: name }, EXIT.USAGE)
  return parsed.data as T
}

async function withStation<T>(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  run: (station: StationCore, secrets: SecretReader) => Promise<T>,
): Promise<T> {
  const station = await openStationCore(argv, env)
  const secrets = createSecretReader()
  try {
    return await run(station, secrets)
  } catch (error) {
    throw cliErrorOf(error)
  } finally {
    secrets.close()
    await station.close()
  }
}

async function newPassword(secrets: SecretReader): Promise<string> {
  const first = await secrets.read('cli.text.passwordPrompt')
  const second = await secrets.read('cli.text.passwordAgainPrompt')
  if (first !== second) throw new CliError('cli.errors.passwordsDiffer', {}, EXIT.USAGE)
  return first
}

/** `--as USER` and that supervisor's password (first line of standard input). */
async function supervisor(station: StationCore, secrets: SecretReader, as: string | undefined) {
  if (!as) throw new CliError('cli.errors.supervisorRequired', {}, EXIT.USAGE)
  const password = await secrets.read('cli.text.supervisorPasswordPrompt', { username: as })
  return signInOrFail(station, as, password, 'supervisor')
}

const profileFlags = {
  username: { type: 'string' },
  name: { type: 'string' },
  'police-id': { type: 'string' },
} as const

/**
 * `officers init`: with no officer yet, prints a one-time setup code for the screen; with
 * `--username USER [--name N] [--police-id P]`, creates the first supervisor here, the password
 * read twice from standard input.
 */
export async function officersInit(argv: readonly string[], { io, env }: Io): Promise<number> {
  const { values } = parseCommandArgs(argv, profileFlags)
  return withStation(argv, env, async (station, secrets) => {
    const { officers } = station.core
    if (!officers.setupRequired())
      throw new CliError('cli.errors.officersAlreadySetUp', {}, EXIT.FAILED)
    if (values.username === undefined) {
      const { code, expiresAt } = officers.issueSetupCode()
      io.out(bilingualMessage('cli.text.setupCode', { code, expires: expiresAt }))
      return 0
    }
    const username = field<string>(UsernameSchema, values.username, 'username')
    const created = await officers.accounts.create(
      {
        username,
        displayName: field<string>(DisplayNameSchema, values.name ?? username, 'name'),
        policeId: field<string>(PoliceIdSchema, values['police-id'] ?? '', 'police-id'),
        role: 'supervisor',
        password: await newPassword(secrets),
      },
      'cli-init',
    )
    io.out(bilingualMessage('cli.text.officerCreated', { username, role: created.role }))
    return 0
  })
}

/** `officers add --as SUPERVISOR --username USER --role ROLE [--name N] [--police-id P]`. */
export async function officersAdd(argv: readonly string[], { io, env }: Io): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    ...profileFlags,
    as: { type: 'string' },
    role: { type: 'string' },
  })
  return withStation(argv, env, async (station, secrets) => {
    const by = await supervisor(station, secrets, values.as)
    const username = field<string>(UsernameSchema, values.username, 'username')
    const created = await station.core.officers.accounts.create(
      {
        username,
        displayName: field<string>(DisplayNameSchema, values.name ?? username, 'name'),
        policeId: field<string>(PoliceIdSchema, values['police-id'] ?? '', 'police-id'),
        role: field(OfficerRoleSchema, values.role ?? 'officer', 'role'),
        password: await newPassword(secrets),
      },
      by.officerId,
    )
    io.out(bilingualMessage('cli.text.officerCreated', { username, role: created.role }))
    return 0
  })
}

/** `officers list [--json]`: usernames, roles and states (no password, ever). */
export async function officersList(argv: readonly string[], { io, env }: Io): Promise<number> {
  const { values } = parseCommandArgs(argv, { json: { type: 'boolean' } })
  return withStation(argv, env, async (station) => {
    const list = station.core.officers.accounts.list()
    if (values.json) io.out(JSON.stringify(list, null, 2))
    else
      for (const o of list)
        io.out(
          `${o.username}\t${o.role}\t${o.state}${o.mustChangePassword ? '\t*' : ''}\t${o.displayName}`,
        )
    return 0
  })
}

type Change = 'disable' | 'unlock' | 'reset-password'

/** `officers disable|unlock|reset-password USER --as SUPERVISOR`. */
export async function officersChange(
  change: Change,
  argv: readonly string[],
  { io, env }: Io,
): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { as: { type: 'string' } })
  const username = positionals[0]
  if (!username) throw new CliError('cli.errors.missingUsername', {}, EXIT.USAGE)
  return withStation(argv, env, async (station, secrets) => {
    const by = await supervisor(station, secrets, values.as)
    const { officers } = station.core
    const target = officers.accounts.list().find((o) => o.username === username.toLowerCase())
    if (!target) throw new CliError('cli.errors.unknownOfficerName', { username }, EXIT.NOT_FOUND)
    let record: OfficerRecord
    if (change === 'disable')
      record = officers.accounts.setDisabled(by.officerId, target.officerId, true)
    else if (change === 'unlock') record = officers.accounts.unlock(by.officerId, target.officerId)
    else {
      const temporary = await secrets.read('cli.text.temporaryPasswordPrompt', { username })
      record = await officers.accounts.resetPassword(by.officerId, target.officerId, temporary)
    }
    const state = officers.summary(record).state
    io.out(bilingualMessage('cli.text.officerUpdated', { username, state }))
    return 0
  })
}
