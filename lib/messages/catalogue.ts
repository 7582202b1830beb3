import en from '../../resources/locales/en.json'
import vi from '../../resources/locales/vi.json'

/**
 * The one message catalogue: every sentence the kiosk, its CLI and the upstream show a person lives
 * in `resources/locales/{vi,en}.json`. The renderer reads the same files through i18next; this module
 * formats them under Node with the same `{{name}}` interpolation, so a key means one text everywhere.
 */
export type Language = 'vi' | 'en'

export const languages: readonly Language[] = ['vi', 'en']

/** Values substituted into `{{name}}` placeholders. */
export type MessageParams = Readonly<Record<string, string | number>>

type Tree = { readonly [key: string]: string | Tree }

const catalogues: Record<Language, Tree> = { vi, en }

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return undefined
    node = node[part]
  }
  return typeof node === 'string' ? node : undefined
}

/** True when both languages have a text for `key`. */
export function hasMessage(key: string): boolean {
  return languages.every((language) => lookup(catalogues[language], key) !== undefined)
}

/**
 * The text of `key` in `language` with `params` filled in. A missing key yields the key itself
 * (never throws: an error path must not fail while describing an error); the catalogue test makes
 * sure every key the code uses exists.
 */
export function formatMessage(language: Language, key: string, params: MessageParams = {}): string {
  const template = lookup(catalogues[language], key) ?? key
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  )
}

/** One line for terminals and logs read by people of either language: "Tiếng Việt / English". */
export function bilingualMessage(key: string, params: MessageParams = {}): string {
  return `${formatMessage('vi', key, params)} / ${formatMessage('en', key, params)}`
}

/** Every key of the catalogue of `language`, dotted. */
export function messageKeys(language: Language): string[] {
  const out: string[] = []
  const walk = (tree: Tree, prefix: string): void => {
    for (const [name, value] of Object.entries(tree)) {
      const key = prefix ? `${prefix}.${name}` : name
      if (typeof value === 'string') out.push(key)
      else walk(value, key)
    }
  }
  walk(catalogues[language], '')
  return out
}
