// The @font-face rules of a stylesheet and the font-family declarations of the renderer's CSS,
// for tests/unit/fonts-glyphs.test.ts.

export interface FontFace {
  family: string
  weight: string
  /** Font files relative to the stylesheet, in the order the browser tries them. */
  files: string[]
  /** Inclusive code point ranges; every code point when the rule has no unicode-range. */
  ranges: [number, number][]
}

const unquote = (value: string): string => value.trim().replace(/^(['"])(.*)\1$/, '$2')

/** Every @font-face rule of `css`. */
export function fontFaces(css: string): FontFace[] {
  const faces: FontFace[] = []
  for (const [, body = ''] of css.matchAll(/@font-face\s*\{([^}]*)\}/g)) {
    const property = (name: string): string | undefined =>
      new RegExp(`(?:^|;)\\s*${name}\\s*:\\s*([^;]+)`).exec(body)?.[1]?.trim()
    const range = property('unicode-range')
    faces.push({
      family: unquote(property('font-family') ?? ''),
      weight: property('font-weight') ?? '400',
      files: [...(property('src') ?? '').matchAll(/url\(([^)]+)\)/g)].map(([, url = '']) =>
        unquote(url),
      ),
      ranges: range ? parseUnicodeRange(range) : [[0, 0x10ffff]],
    })
  }
  return faces
}

/** `U+0000-00FF,U+0131,U+4??` as inclusive ranges. */
export function parseUnicodeRange(value: string): [number, number][] {
  return value.split(',').map((part) => {
    const match = /^\s*U\+([0-9A-F?]{1,6})(?:-([0-9A-F]{1,6}))?\s*$/i.exec(part)
    if (!match?.[1]) throw new Error(`bad unicode-range part ${JSON.stringify(part)}`)
    const [, first, last] = match
    if (first.includes('?'))
      return [parseInt(first.replace(/\?/g, '0'), 16), parseInt(first.replace(/\?/g, 'F'), 16)]
    return [parseInt(first, 16), parseInt(last ?? first, 16)]
  })
}

const CSS_WIDE = new Set(['inherit', 'initial', 'unset', 'revert', 'revert-layer'])
const SIZE_THEN_FAMILIES = /(?:^|\s)[\d.]+(?:px|rem|em|%|pt|vw|vh|ch)(?:\/\S+)?\s+(.+)$/

/**
 * Declarations of `css` whose first font family is not one of `bundled` (a system font the kiosk
 * may lack would be used first), as `selector-free` strings to report.
 */
export function systemFontFirst(css: string, bundled: ReadonlySet<string>): string[] {
  const offending: string[] = []
  const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, '')
  for (const [declaration, property = '', raw = ''] of withoutComments.matchAll(
    /(?:^|[;{\s])(font-family|font)\s*:\s*([^;}]+)/g,
  )) {
    const value = raw.trim()
    if (CSS_WIDE.has(value)) continue
    const families = property === 'font' ? SIZE_THEN_FAMILIES.exec(value)?.[1] : value
    const first = families?.split(',')[0]
    if (first === undefined || !bundled.has(unquote(first))) offending.push(declaration.trim())
  }
  return offending
}
