import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

/** Where the code names catalogue keys: every package that shows a person a sentence. */
export const SCANNED_ROOTS = [
  'electron',
  'drivers',
  'upstream',
  'protocol',
  'lib',
  'renderer/src',
  'bin',
  'tests/setup',
]

export interface KeyUse {
  /** A full key, or a template shape with `*` for each `${…}`: `devices.kind.*`. */
  key: string
  file: string
}

export interface ScannedKeys {
  literals: KeyUse[]
  templates: KeyUse[]
}

const STRING = String.raw`(['"])([A-Za-z][\w.-]*)\1`
const TEMPLATE = String.raw`\x60([^\x60]*)\x60`

/**
 * Every way the code hands a key to the catalogue: i18next's `t('key')` (with or without options),
 * `i18nKey`, lib/messages' `formatMessage(lang, 'key')`, `bilingualMessage('key')`,
 * `messageRef('key')`, and any string that starts with `messages.` (keys
 * passed to error constructors or kept in constants). Template literals count as templates.
 */
const CALLS = [
  String.raw`\bt\(\s*`,
  String.raw`\bi18nKey=\{?\s*`,
  String.raw`\bformatMessage\(\s*[^,()]+,\s*`,
  String.raw`\bbilingualMessage\(\s*`,
  String.raw`\bmessageRef\(\s*`,
]
const LITERAL_PATTERNS = [
  ...CALLS.map((call) => new RegExp(call + STRING, 'g')),
  new RegExp(String.raw`(['"])(messages\.[\w.-]+)\1`, 'g'),
]
const TEMPLATE_PATTERNS = [
  ...CALLS.map((call) => new RegExp(call + TEMPLATE, 'g')),
  new RegExp(String.raw`\x60(messages\.[^\x60]*)\x60`, 'g'),
]

/** Comments may quote keys and shapes (`messages.card.<CODE>`): they name nothing. */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')
}

/** The keys one source text uses. */
export function scanSource(source: string, file = '<source>'): ScannedKeys {
  const code = withoutComments(source)
  const literals = new Map<string, KeyUse>()
  const templates = new Map<string, KeyUse>()
  for (const pattern of LITERAL_PATTERNS) {
    for (const match of code.matchAll(pattern)) literals.set(match[2]!, { key: match[2]!, file })
  }
  for (const pattern of TEMPLATE_PATTERNS) {
    for (const match of code.matchAll(pattern)) {
      const text = match[1]!
      const shape = text.replace(/\$\{[^}]*\}/g, '*')
      if (shape === text) literals.set(text, { key: text, file })
      else templates.set(shape, { key: shape, file })
    }
  }
  return { literals: [...literals.values()], templates: [...templates.values()] }
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'out' || name === 'dist') continue
    const path = join(dir, name)
    if (statSync(path).isDirectory()) sourceFiles(path, out)
    else if (/\.(tsx?|js)$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts'))
      out.push(path)
  }
  return out
}

/** The keys every non-test source file under the scanned roots uses. */
const REVIEW_PAGE_DIR = 'upstream/server/review/page/'

export function scanProject(rootDir: string): ScannedKeys {
  const all: ScannedKeys = { literals: [], templates: [] }
  for (const root of SCANNED_ROOTS) {
    for (const path of sourceFiles(join(rootDir, root))) {
      const file = relative(rootDir, path)
      const found = scanSource(readFileSync(path, 'utf8'), file)
      // The review page names its texts relative to `review.` (see its texts.ts).
      const prefix = file.startsWith(REVIEW_PAGE_DIR) ? 'review.' : ''
      const withPrefix = (u: KeyUse): KeyUse =>
        u.key.startsWith(prefix) ? u : { ...u, key: prefix + u.key }
      all.literals.push(...found.literals.map(withPrefix))
      all.templates.push(...found.templates.map(withPrefix))
    }
  }
  return all
}

/** The `{{name}}` placeholders of a text, sorted. */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]!).sort()
}

/** The keys a catalogue lacks, of those used. */
export function missingKeys(used: readonly KeyUse[], known: ReadonlySet<string>): string[] {
  return [...new Set(used.map((u) => u.key).filter((key) => !known.has(key)))].sort()
}

/** Whether a template shape (`devices.kind.*`) matches a full key. */
export function shapeMatches(shape: string, key: string): boolean {
  const pattern = shape
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[\\w.-]+')
  return new RegExp(`^${pattern}$`).test(key)
}
