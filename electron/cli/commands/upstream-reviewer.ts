import { readFileSync } from 'node:fs'
import { ReviewerAdminError, type ReviewerRole, type Upstream } from '../../../upstream/server'
import { bilingualMessage } from '../../../lib/messages'
import { parseCommandArgs } from '../args'
import { EXIT } from '../exit-codes'
import { CliError, type CliIo } from '../output'
import { readHidden } from './key-passphrase'
import { UPSTREAM_KEYS_OPTION } from './upstream-data-dir'
import { openUpstreamFor } from './upstream-open'

type Action = 'add' | 'list' | 'disable' | 'enable' | 'unlock' | 'password'

const DONE_TEXTS = {
  add: 'cli.text.reviewerAdded',
  disable: 'cli.text.reviewerDisabledNow',
  enable: 'cli.text.reviewerEnabled',
  unlock: 'cli.text.reviewerUnlocked',
  password: 'cli.text.reviewerPasswordSet',
} as const satisfies Record<Exclude<Action, 'list'>, string>

const FLAGS = {
  name: { type: 'string' },
  role: { type: 'string' },
  'password-file': { type: 'string' },
  json: { type: 'boolean' },
  ...UPSTREAM_KEYS_OPTION,
} as const

/**
 * The new password: the first line of `--password-file`, else typed twice at the terminal with
 * nothing echoed. Never a flag's value or an environment variable (they end up in shell
 * history and process listings).
 */
async function newPassword(file: string | undefined, stdin: NodeJS.ReadStream): Promise<string> {
  if (file) {
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch (error) {
      throw new CliError('cli.errors.passwordFileUnreadable', { file }, EXIT.USAGE, String(error))
    }
    const line = text.split(/\r?\n/)[0] ?? ''
    if (!line) throw new CliError('cli.errors.passwordFileUnreadable', { file }, EXIT.USAGE)
    return line
  }
  if (!stdin.isTTY) throw new CliError('cli.errors.reviewerPasswordSource', {}, EXIT.USAGE)
  const first = await readHidden(bilingualMessage('cli.text.passwordPrompt'), stdin)
  const second = await readHidden(bilingualMessage('cli.text.passwordAgainPrompt'), stdin)
  if (!first) throw new CliError('cli.errors.reviewerPasswordSource', {}, EXIT.USAGE)
  if (first !== second) throw new CliError('cli.errors.passwordsDiffer', {}, EXIT.USAGE)
  return first
}

function parseRole(value: string | undefined): ReviewerRole {
  if (value === undefined || value === 'reviewer') return 'reviewer'
  if (value === 'senior') return 'senior'
  throw new CliError('cli.errors.invalidReviewerRole', { role: value }, EXIT.USAGE)
}

async function printList(upstream: Upstream, io: CliIo, json: boolean): Promise<void> {
  const reviewers = await upstream.reviewers.list()
  if (json) return io.out(JSON.stringify(reviewers))
  if (!reviewers.length) return io.out(bilingualMessage('cli.text.noReviewers'))
  for (const r of reviewers) {
    const state = r.disabled
      ? bilingualMessage('cli.text.reviewerDisabled')
      : r.lockedUntil
        ? bilingualMessage('cli.text.reviewerLockedUntil', { until: r.lockedUntil })
        : bilingualMessage('cli.text.reviewerActive')
    io.out(`${r.id}\t${r.role}\t${r.name}\t${state}`)
  }
}

/**
 * `kiosk upstream reviewer add|list|disable|enable|unlock|password`: the accounts of the review
 * page, in the upstream's database (`--data DIR`). `add USER --name NAME [--role senior]`.
 */
export async function upstreamReviewerCommand(
  action: Action,
  argv: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
  stdin: NodeJS.ReadStream = process.stdin,
): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, FLAGS)
  const [id] = positionals
  if (action !== 'list' && (!id || positionals.length > 1))
    throw new CliError('cli.errors.expectedOneReviewer', {}, EXIT.USAGE)
  const role = parseRole(values.role)
  // Asked before the database opens, so a typo at the prompt leaves nothing half done.
  const password =
    action === 'add' || action === 'password'
      ? await newPassword(values['password-file'], stdin)
      : ''
  const upstream = await openUpstreamFor(values, env)
  try {
    const reviewer = id ?? ''
    const { reviewers } = upstream
    if (action === 'list') await printList(upstream, io, values.json === true)
    else if (action === 'add')
      await reviewers.add({ id: reviewer, name: values.name ?? '', role, password })
    else if (action === 'password') await reviewers.setPassword(reviewer, password)
    else await reviewers[action](reviewer)
    if (action !== 'list') io.out(bilingualMessage(DONE_TEXTS[action], { id: reviewer }))
    return 0
  } catch (error) {
    if (error instanceof ReviewerAdminError)
      throw new CliError(error.messageKey, error.params, EXIT.FAILED)
    throw error
  } finally {
    await upstream.close()
  }
}
