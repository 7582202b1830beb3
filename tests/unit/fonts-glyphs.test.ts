// Every character the UI can show has a glyph in the fonts the renderer bundles, for every face it
// loads (sans 400/600/700, mono 400): a subset whose unicode-range covers the character, and whose
// files (woff2 and its woff fallback) map it. And no CSS puts a system font before a bundled one.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import en from '../../resources/locales/en.json'
import vi from '../../resources/locales/vi.json'
import { fontCodePoints } from '../support/font-cmap'
import { fontFaces, systemFontFirst, type FontFace } from '../support/font-css'

const repoRoot = join(import.meta.dirname, '..', '..')
const rendererSrc = join(repoRoot, 'renderer', 'src')

/** The @fontsource stylesheets renderer/src/main.tsx imports, as paths on disk. */
function bundledStylesheets(): string[] {
  const main = readFileSync(join(rendererSrc, 'main.tsx'), 'utf8')
  return [...main.matchAll(/^import\s+'(@fontsource\/[^']+\.css)'/gm)].map(([, spec = '']) =>
    join(repoRoot, 'node_modules', spec),
  )
}

interface LoadedFace extends FontFace {
  stylesheet: string
  /** Per file of `files`, the code points it maps. */
  codePoints: Set<number>[]
}

const faces: LoadedFace[] = bundledStylesheets().flatMap((stylesheet) =>
  fontFaces(readFileSync(stylesheet, 'utf8')).map((face) => ({
    ...face,
    stylesheet,
    codePoints: face.files.map((file) =>
      fontCodePoints(readFileSync(join(dirname(stylesheet), file))),
    ),
  })),
)

/** Faces by "family weight": each entry is one face with all its subsets. */
function byFace(list: LoadedFace[]): Map<string, LoadedFace[]> {
  const grouped = new Map<string, LoadedFace[]>()
  for (const face of list) {
    const key = `${face.family} ${face.weight}`
    grouped.set(key, [...(grouped.get(key) ?? []), face])
  }
  return grouped
}

/** Every string of a locale tree. */
function strings(tree: unknown): string[] {
  if (typeof tree === 'string') return [tree]
  if (tree && typeof tree === 'object') return Object.values(tree).flatMap(strings)
  return []
}

/**
 * The characters shown: NFC (as the files must be), without i18next's `{{placeholders}}` (they
 * are replaced before display), control characters left out.
 */
function shownCharacters(texts: readonly string[]): Set<string> {
  const characters = new Set<string>()
  for (const text of texts) {
    const shown = text.normalize('NFC').replace(/\{\{[^}]*\}\}/g, '')
    for (const character of shown) if (!/\p{Cc}/u.test(character)) characters.add(character)
  }
  return characters
}

/**
 * The characters no subset of the face can draw: the browser downloads a subset only when its
 * unicode-range holds the character, and it must then have the glyph in every file it may load.
 */
function uncovered(characters: Iterable<string>, subsets: readonly LoadedFace[]): string[] {
  const missing: string[] = []
  for (const character of characters) {
    const code = character.codePointAt(0) ?? 0
    const drawn = subsets.some(
      (subset) =>
        subset.ranges.some(([from, to]) => code >= from && code <= to) &&
        subset.codePoints.every((points) => points.has(code)),
    )
    if (!drawn) missing.push(character)
  }
  return missing
}

const localeCharacters = shownCharacters([...strings(vi), ...strings(en)])
const faceGroups = byFace(faces)

describe('bundled fonts', () => {
  it('loads the faces the UI uses, each from files it ships', () => {
    expect([...faceGroups.keys()].sort()).toEqual([
      'Noto Sans 400',
      'Noto Sans 600',
      'Noto Sans 700',
      'Noto Sans Mono 400',
    ])
    for (const face of faces) {
      expect(face.files.map((f) => f.split('.').at(-1))).toEqual(['woff2', 'woff'])
      // The woff fallback maps exactly what its woff2 does.
      expect(face.codePoints[1]).toEqual(face.codePoints[0])
    }
    // The Vietnamese letters with stacked marks, and the locale files really use them.
    for (const letter of ['ồ', 'ế', 'ặ', 'ữ', 'ợ']) expect(localeCharacters).toContain(letter)
  })

  it.each([...faceGroups.keys()])(
    '%s has a glyph for every character of every locale string',
    (face) => {
      expect(uncovered(localeCharacters, faceGroups.get(face) ?? [])).toEqual([])
    },
  )

  it('finds a character no bundled subset draws', () => {
    // Han and a symbol outside every subset's range: the check must name them for each face.
    const injected = shownCharacters(['hồ sơ 字', 'mũi tên ➜ {{count}}\n'])
    for (const subsets of faceGroups.values())
      expect(uncovered(injected, subsets)).toEqual(['字', '➜'])
  })

  it('needs the glyph in the file, not only the unicode-range', () => {
    const sans = faceGroups.get('Noto Sans 400') ?? []
    // A subset that claims ồ in its range but whose files lack it does not draw it.
    const claimsWithoutGlyph = sans.map((s) => ({
      ...s,
      codePoints: s.codePoints.map((points) => new Set([...points].filter((c) => c !== 0x1ed3))),
    }))
    expect(uncovered(['ồ', 'a'], claimsWithoutGlyph)).toEqual(['ồ'])
    expect(uncovered(['ồ', 'a'], sans)).toEqual([])
  })
})

describe('renderer CSS', () => {
  const bundled = new Set(faces.map((f) => f.family))
  const stylesheets = readdirSync(rendererSrc, { recursive: true, encoding: 'utf8' }).filter(
    (file) => file.endsWith('.css'),
  )

  it('names a bundled family first wherever it sets a font', () => {
    expect(stylesheets).toContain('styles.css')
    for (const file of stylesheets) {
      const css = readFileSync(join(rendererSrc, file), 'utf8')
      expect(systemFontFirst(css, bundled), file).toEqual([])
    }
  })

  it('sets no font family inline in the components', () => {
    const components = readdirSync(rendererSrc, { recursive: true, encoding: 'utf8' }).filter(
      (file) => file.endsWith('.tsx') && !file.endsWith('.test.tsx'),
    )
    const inline = components.filter((file) =>
      /fontFamily\s*:/.test(readFileSync(join(rendererSrc, file), 'utf8')),
    )
    expect(inline).toEqual([])
  })

  it('reports a system font named before the bundled one', () => {
    const css = `
      .a { font-family: Arial, 'Noto Sans', sans-serif; }
      .b { font: 600 16px/1.2 monospace; }
      .c { font-family: 'Noto Sans Mono', monospace; }
      .d { font: inherit; }
      .e { font: 14px "Noto Sans", sans-serif; }
      /* .f { font-family: Comic Sans MS; } */
      .g { font-size: 12px; }`
    expect(systemFontFirst(css, bundled)).toEqual([
      "font-family: Arial, 'Noto Sans', sans-serif",
      'font: 600 16px/1.2 monospace',
    ])
  })
})
