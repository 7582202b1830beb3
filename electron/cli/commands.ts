import type { CommandEntry } from './command-table'

/**
 * Every `kiosk` command. Each body is a dynamic import, so a command loads only its own modules
 * (`kiosk --help` loads none of them).
 */
export const KIOSK_COMMANDS: readonly CommandEntry[] = [
  {
    path: ['host'],
    serves: true,
    synopsis: '[--port N]',
    summary: 'cli.usage.host',
    run: async (argv, { io, env, stopSignal }) =>
      (await import('./commands/host')).hostCommand(argv, io, env, stopSignal()),
  },
  {
    path: ['doctor'],
    synopsis: '[--json] [--self-test]',
    summary: 'cli.usage.doctor',
    run: async (argv, { io, env }) =>
      (await import('./commands/doctor')).doctorCommand(argv, io, env),
  },
  {
    path: ['audit', 'verify'],
    synopsis: '[--json] [--data-dir DIR]',
    summary: 'cli.usage.auditVerify',
    run: async (argv, { io, env }) =>
      (await import('./commands/audit')).auditVerifyCommand(argv, io, env),
  },
  {
    path: ['card', 'read'],
    synopsis:
      '[--reader NAME] (--can DIGITS | --id ID12 | --mrz-info DOCNO,YYMMDD,YYMMDD) [--trust DIR] [--out DIR] [--scenario NAME] [--json]',
    summary: 'cli.usage.cardRead',
    run: async (argv, { io, env }) =>
      (await import('./commands/card/read')).cardReadCommand(argv, io, env),
  },
  {
    path: ['card', 'verify'],
    synopsis: 'DIR --trust DIR [--json]',
    summary: 'cli.usage.cardVerify',
    run: async (argv, { io }) =>
      (await import('./commands/card/verify')).cardVerifyCommand(argv, io),
  },
  {
    path: ['card', 'qr'],
    synopsis: '"PAYLOAD" [--json]',
    summary: 'cli.usage.cardQr',
    run: async (argv, { io }) => (await import('./commands/card/qr')).cardQrCommand(argv, io),
  },
  {
    path: ['sim', 'card'],
    serves: true,
    synopsis: '[--scenario NAME] [--id ID12 | --citizen SEED] [--port 35964] [--pki DIR]',
    summary: 'cli.usage.simCard',
    run: async (argv, { io, env, stopSignal }) =>
      (await import('./commands/sim/card')).simCardCommand(argv, io, env, stopSignal()),
  },
  {
    path: ['sim', 'enroll'],
    synopsis:
      '--count N [--scenario NAME] [--citizen PREFIX] [--as USER] [--json] [--placeholders [--size BYTES]]',
    summary: 'cli.usage.simEnroll',
    run: async (argv, { io, env }) =>
      (await import('./commands/sim-enroll')).simEnrollCommand(argv, io, env),
  },
  {
    path: ['portrait', 'check'],
    synopsis: 'IMAGE [--json] [--token OUT.jpg]',
    summary: 'cli.usage.portraitCheck',
    run: async (argv, { io, env }) =>
      (await import('./commands/portrait/portrait-check')).portraitCheckCommand(argv, io, env),
  },
  {
    path: ['portrait', 'match'],
    synopsis: 'IMAGE_A IMAGE_B [--json] [--threshold T]',
    summary: 'cli.usage.portraitMatch',
    run: async (argv, { io, env }) =>
      (await import('./commands/portrait/portrait-match')).portraitMatchCommand(argv, io, env),
  },
  {
    path: ['enroll'],
    synopsis: '--scenario FILE [--json]',
    summary: 'enrollment.cli.usage',
    run: async (argv, { io, env }) =>
      (await import('./commands/enroll')).enrollCommand(argv, io, env),
  },
  {
    path: ['rules', 'eligibility'],
    synopsis:
      '--birth YYYY-MM-DD --nationality vn|foreign --document cccd|id-card|temporary-residence|permanent-residence|none [--applicant person|organisation] [--on YYYY-MM-DD] [--json]',
    summary: 'rules.cli.usage.eligibility',
    run: async (argv, { io }) =>
      (await import('./commands/rules')).rulesEligibilityCommand(argv, io),
  },
  {
    path: ['rules', 'phone'],
    synopsis: 'NUMBER [--json]',
    summary: 'rules.cli.usage.phone',
    run: async (argv, { io }) => (await import('./commands/rules')).rulesPhoneCommand(argv, io),
  },
  {
    path: ['fp', 'list'],
    synopsis: '[--json]',
    summary: 'cli.usage.fpList',
    run: async (argv, { io, env }) =>
      (await import('./commands/fp-list')).fpListCommand(argv, io, env),
  },
  {
    path: ['fp', 'capture'],
    synopsis:
      '--finger NAME [--device sim|sim:hid|sim:sbi|serial:PATH|hid:VID:PID|sbi[:PORT]] [--out DIR] [--json] [--baud N] [--attempts N] [--timeout S] [--trust CA.pem] [--format jp2|png|wsq]',
    summary: 'cli.usage.fpCapture',
    run: async (argv, { io, env }) =>
      (await import('./commands/fp-capture')).fpCaptureCommand(argv, io, env),
  },
  {
    path: ['queue', 'ls'],
    synopsis: '[--json] [--state queued|sent|dead] [--limit N]',
    summary: 'cli.usage.queueLs',
    run: async (argv, { io, env }) => (await import('./commands/queue')).queueList(argv, io, env),
  },
  {
    path: ['queue', 'export'],
    synopsis: 'DIR',
    summary: 'cli.usage.queueExport',
    run: async (argv, { io, env }) => (await import('./commands/queue')).queueExport(argv, io, env),
  },
  {
    path: ['queue', 'retry'],
    synopsis: 'FILE_ID',
    summary: 'cli.usage.queueRetry',
    run: async (argv, { io, env }) => (await import('./commands/queue')).queueRetry(argv, io, env),
  },
  {
    path: ['sync', 'run'],
    synopsis: '[--until-empty] [--json]',
    summary: 'cli.usage.syncRun',
    run: async (argv, { io, env, stopSignal }) =>
      (await import('./commands/sync')).syncRunCommand(argv, io, env, stopSignal()),
  },
  {
    path: ['terminal', 'register'],
    synopsis: 'CODE [--json]',
    summary: 'cli.usage.terminalRegister',
    run: async (argv, { io, env }) =>
      (await import('./commands/terminal')).terminalRegisterCommand(argv, io, env),
  },
  {
    path: ['officers', 'init'],
    synopsis: '[--username USER [--name NAME] [--police-id ID]]',
    summary: 'cli.usage.officersInit',
    run: async (argv, context) =>
      (await import('./commands/officers/officers')).officersInit(argv, context),
  },
  {
    path: ['officers', 'add'],
    synopsis: '--as SUPERVISOR --username USER [--role officer|supervisor|support] [--name NAME]',
    summary: 'cli.usage.officersAdd',
    run: async (argv, context) =>
      (await import('./commands/officers/officers')).officersAdd(argv, context),
  },
  {
    path: ['officers', 'list'],
    synopsis: '[--json]',
    summary: 'cli.usage.officersList',
    run: async (argv, context) =>
      (await import('./commands/officers/officers')).officersList(argv, context),
  },
  {
    path: ['officers', 'disable'],
    synopsis: 'USER --as SUPERVISOR',
    summary: 'cli.usage.officersDisable',
    run: async (argv, context) =>
      (await import('./commands/officers/officers')).officersChange('disable', argv, context),
  },
  {
    path: ['officers', 'unlock'],
    synopsis: 'USER --as SUPERVISOR',
    summary: 'cli.usage.officersUnlock',
    run: async (argv, context) =>
      (await import('./commands/officers/officers')).officersChange('unlock', argv, context),
  },
  {
    path: ['officers', 'reset-password'],
    synopsis: 'USER --as SUPERVISOR',
    summary: 'cli.usage.officersResetPassword',
    run: async (argv, context) =>
      (await import('./commands/officers/officers')).officersChange(
        'reset-password',
        argv,
        context,
      ),
  },
  {
    path: ['upstream', 'serve'],
    serves: true,
    synopsis:
      '[--data DIR] [--keys DIR] [--port P] [--host H] [--tls-cert F --tls-key F] [--smsc smpp://HOST:PORT --smsc-system-id ID --smsc-password-file F --sms-source NAME [--sms-rate N] [--sms-retention DAYS] [--smsc-ca CA.pem]]',
    summary: 'cli.usage.upstreamServe',
    run: async (argv, { io, env, stopSignal }) =>
      (await import('./commands/upstream-serve')).upstreamServeCommand(argv, io, env, stopSignal()),
  },
  {
    path: ['upstream', 'smsc-sim'],
    serves: true,
    synopsis:
      '[--port 2775] [--host H] [--out FILE.jsonl] [--system-id ID] [--password-file F] [--fail SHARE] [--throttle SHARE]',
    summary: 'cli.usage.upstreamSmscSim',
    run: async (argv, { io, stopSignal }) =>
      (await import('./commands/smsc-sim')).smscSimCommand(argv, io, stopSignal()),
  },
  {
    path: ['upstream', 'stats'],
    synopsis: '[--data DIR] [--json]',
    summary: 'cli.usage.upstreamStats',
    run: async (argv, { io, env }) =>
      (await import('./commands/upstream-stats')).upstreamStatsCommand(argv, io, env),
  },
  {
    path: ['upstream', 'invite'],
    synopsis: '[--data DIR] [--keys DIR] [--ttl-hours N]',
    summary: 'cli.usage.upstreamInvite',
    run: async (argv, { io, env }) =>
      (await import('./commands/upstream-admin')).upstreamInviteCommand(argv, io, env),
  },
  {
    path: ['upstream', 'pubkey'],
    synopsis: '[--data DIR] [--keys DIR]',
    summary: 'cli.usage.upstreamPubkey',
    run: async (argv, { io, env }) =>
      (await import('./commands/upstream-admin')).upstreamPubkeyCommand(argv, io, env),
  },
  {
    path: ['upstream', 'import'],
    synopsis: 'MEDIA_DIR [--data DIR] [--keys DIR] [--json]',
    summary: 'cli.usage.upstreamImport',
    run: async (argv, { io, env }) =>
      (await import('./commands/upstream-admin')).upstreamImportCommand(argv, io, env),
  },
  {
    path: ['upstream', 'reviewer', 'add'],
    synopsis: 'USER --name NAME [--role reviewer|senior] [--password-file F] [--data DIR]',
    summary: 'cli.usage.upstreamReviewerAdd',
    run: async (argv, { io, env }) =>
      (await import('./commands/upstream-reviewer')).upstreamReviewerCommand('add', argv, io, env),
  },
  {
    path: ['upstream', 'reviewer', 'list'],
    synopsis: '[--json] [--data DIR]',
    summary: 'cli.usage.upstreamReviewerList',
    run: async (argv, { io, env }) =>
      (await import('./commands/upstream-reviewer')).upstreamReviewerCommand('list', argv, io, env),
  },
  {
    path: ['upstream', 'reviewer', 'disable'],
    synopsis: 'USER [--data DIR]',
    summary: 'cli.usage.upstreamReviewerDisable',
    run: async (argv, { io, env }) =>
      (await import('./commands/upstream-reviewer')).upstreamReviewerCommand(
        'disable',
        argv,
        io,
        env,
      ),
  },
  {
    path: ['upstream', 'reviewer', 'enable'],
    synopsis: 'USER [--data DIR]',
    summary: 'cli.usage.upstreamReviewerEnable',
    run: async (argv, { io, env }) =>
      (await import('./commands/upstream-reviewer')).upstreamReviewerCommand(
        'enable',
        argv,
        io,
        env,
      ),
  },
  {
    path: ['upstream', 'reviewer', 'unlock'],
    synopsis: 'USER [--data DIR]',
    summary: 'cli.usage.upstreamReviewerUnlock',
    run: async (argv, { io, env }) =>
      (await import('./commands/upstream-reviewer')).upstreamReviewerCommand(
        'unlock',
        argv,
        io,
        env,
      ),
  },
  {
    path: ['upstream', 'reviewer', 'password'],
    synopsis: 'USER [--password-file F] [--data DIR]',
    summary: 'cli.usage.upstreamReviewerPassword',
    run: async (argv, { io, env }) =>
      (await import('./commands/upstream-reviewer')).upstreamReviewerCommand(
        'password',
        argv,
        io,
        env,
      ),
  },
]
