import { bilingualMessage, formatMessage, type MessageParams } from '../../../lib/messages'
import {
  applicantKinds,
  eligibility,
  formatCalendarDate,
  formatDateOfBirth,
  hoChiMinhDate,
  identityDocuments,
  MOBILE_NETWORK_NAMES,
  nationalities,
  parseCalendarDate,
  parseDateOfBirth,
  parseMobile,
  ruleMessageKey,
  type AccountDecision,
  type Eligibility,
  type RuleArea,
} from '../../contract/rules'
import { parseCommandArgs } from '../args'
import { EXIT } from '../exit-codes'
import { CliError, type CliIo } from '../output'

const LABEL_WIDTH = 44

const DECISION_KEYS: Readonly<Record<AccountDecision, string>> = {
  granted: 'rules.decisions.granted',
  'on-request': 'rules.decisions.on-request',
  refused: 'rules.decisions.refused',
}

function row(labelKey: string, value: string): string {
  return `${bilingualMessage(labelKey).padEnd(LABEL_WIDTH)} ${value}`
}

/** A reason's sentence on two lines, Vietnamese first, under its label. */
function reasonLines(area: RuleArea, code: string, params: MessageParams): string[] {
  const key = ruleMessageKey(area, code)
  return [
    row('rules.cli.reason', formatMessage('vi', key, params)),
    `${' '.repeat(LABEL_WIDTH)} ${formatMessage('en', key, params)}`,
  ]
}

function choice<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
): T {
  if (value === undefined) throw new CliError('rules.cli.errors.missingFlag', { flag }, EXIT.USAGE)
  if (!(allowed as readonly string[]).includes(value)) {
    throw new CliError(
      'rules.cli.errors.badChoice',
      { flag, allowed: allowed.join('|') },
      EXIT.USAGE,
      value,
    )
  }
  return value as T
}

function formatEligibility(on: string, result: Eligibility): string {
  const decision = (value: AccountDecision) => bilingualMessage(DECISION_KEYS[value])
  const age =
    result.age === null
      ? '—'
      : `${result.age}${result.ageApproximate ? ` (${bilingualMessage('rules.cli.approximate')})` : ''}`
  const lines = [
    row('rules.cli.on', on),
    row('rules.cli.age', age),
    row('rules.cli.level1', decision(result.level1)),
    row('rules.cli.level2', decision(result.level2)),
    row(
      'rules.cli.guardian',
      bilingualMessage(
        result.guardianRequired ? 'rules.cli.guardianRequired' : 'rules.cli.guardianNotRequired',
      ),
    ),
    ...reasonLines('eligibility', result.reason.code, result.reason.params),
  ]
  if (result.ageApproximate) lines.push('', bilingualMessage('rules.eligibility.approximateAge'))
  return lines.join('\n')
}

/**
 * `kiosk rules eligibility --birth YYYY-MM-DD --nationality vn|foreign --document … [--applicant
 * person|organisation] [--on YYYY-MM-DD] [--json]`: the Decree 69/2024 Art. 7 rule the kiosk
 * applies, for support staff. `--on` defaults to today in Asia/Ho_Chi_Minh by `now`.
 */
export function rulesEligibilityCommand(
  argv: readonly string[],
  io: CliIo,
  now: () => Date = () => new Date(),
): number {
  const { values, positionals } = parseCommandArgs(argv, {
    birth: { type: 'string' },
    nationality: { type: 'string' },
    document: { type: 'string' },
    applicant: { type: 'string' },
    on: { type: 'string' },
    json: { type: 'boolean' },
  })
  if (positionals.length) {
    throw new CliError('rules.cli.errors.noOperands', {}, EXIT.USAGE, positionals.join(' '))
  }
  if (values.birth === undefined) {
    throw new CliError('rules.cli.errors.missingFlag', { flag: '--birth' }, EXIT.USAGE)
  }
  const dob = parseDateOfBirth(values.birth)
  if (!dob) throw new CliError('rules.cli.errors.badBirth', {}, EXIT.USAGE, values.birth)
  const nationality = choice('--nationality', values.nationality, nationalities)
  const document = choice('--document', values.document, identityDocuments)
  const applicant = choice('--applicant', values.applicant ?? 'person', applicantKinds)
  const today = values.on === undefined ? hoChiMinhDate(now()) : parseCalendarDate(values.on)
  if (!today) throw new CliError('rules.cli.errors.badOn', {}, EXIT.USAGE, values.on)
  const result = eligibility({ dob, nationality, document, applicant, today })
  const on = formatCalendarDate(today)
  if (values.json) {
    const input = { on, birth: formatDateOfBirth(dob), nationality, document, applicant }
    io.out(JSON.stringify({ ...result, input }, null, 2))
  } else {
    io.out(formatEligibility(on, result))
  }
  return EXIT.OK
}

/**
 * `kiosk rules phone NUMBER [--json]`: whether a number is a Vietnamese mobile, its E.164 form
 * and network. Exit 0 when valid, FAILED (1) when not, so scripts can branch on it.
 */
export function rulesPhoneCommand(argv: readonly string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' } })
  // `rules phone 091 234 5678` unquoted is one number in three words.
  if (positionals.length === 0) throw new CliError('rules.cli.errors.givePhone', {}, EXIT.USAGE)
  const parsed = parseMobile(positionals.join(' '))
  if (values.json) {
    io.out(
      JSON.stringify(
        parsed.valid
          ? parsed
          : {
              valid: false,
              e164: null,
              network: null,
              reason: parsed.reason,
              params: parsed.params,
            },
        null,
        2,
      ),
    )
  } else if (parsed.valid) {
    io.out(
      [
        row('rules.cli.valid', bilingualMessage('rules.cli.yes')),
        row('rules.cli.e164', parsed.e164),
        row('rules.cli.national', parsed.national),
        row('rules.cli.network', MOBILE_NETWORK_NAMES[parsed.network]),
      ].join('\n'),
    )
  } else {
    io.out(
      [
        row('rules.cli.valid', bilingualMessage('rules.cli.no')),
        ...reasonLines('phone', parsed.reason, parsed.params),
      ].join('\n'),
    )
  }
  return parsed.valid ? EXIT.OK : EXIT.FAILED
}
