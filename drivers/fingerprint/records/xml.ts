import { RecordParseError } from './errors'

/** A minimal XML tree: enough for the CBEFF envelope we write and read (no DTDs, no namespaces API). */
export interface XmlElement {
  name: string
  attributes: Record<string, string>
  children: XmlElement[]
  text: string
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

export function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => `&${Object.keys(ENTITIES).find((k) => ENTITIES[k] === c) ?? 'amp'};`,
  )
}

function unescape(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#')) {
      const hex = name.startsWith('#x')
      const point = parseInt(name.slice(hex ? 2 : 1), hex ? 16 : 10)
      // XML's Char production: no NUL, no surrogate halves, nothing past U+10FFFF.
      const isChar = point > 0 && point <= 0x10ffff && !(point >= 0xd800 && point <= 0xdfff)
      if (!isChar)
        throw new RecordParseError(
          'cbeff',
          `character reference ${whole.slice(0, 20)} is not a character`,
        )
      return String.fromCodePoint(point)
    }
    // Own keys only: "&constructor;" is no entity.
    const v = Object.hasOwn(ENTITIES, name) ? ENTITIES[name] : undefined
    if (v === undefined) throw new RecordParseError('cbeff', `unknown entity ${whole.slice(0, 40)}`)
    return v
  })
}

export function element(
  name: string,
  children: (XmlElement | string)[] = [],
  attributes: Record<string, string> = {},
): XmlElement {
  return {
    name,
    attributes,
    children: children.filter((c): c is XmlElement => typeof c !== 'string'),
    text: children.filter((c): c is string => typeof c === 'string').join(''),
  }
}

export function serialiseXml(root: XmlElement): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>']
  const write = (e: XmlElement, indent: string): void => {
    const attrs = Object.entries(e.attributes)
      .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
      .join('')
    if (e.children.length === 0) {
      lines.push(`${indent}<${e.name}${attrs}>${escapeXml(e.text)}</${e.name}>`)
      return
    }
    lines.push(`${indent}<${e.name}${attrs}>`)
    for (const c of e.children) write(c, indent + '  ')
    lines.push(`${indent}</${e.name}>`)
  }
  write(root, '')
  return lines.join('\n') + '\n'
}

const NAME = /^[A-Za-z_][\w.:-]*/

/** A position in an XML document and the readers for each of its constructs. */
class XmlCursor {
  at = 0
  constructor(private readonly xml: string) {}

  fail(why: string): never {
    throw new RecordParseError('cbeff', `${why} at offset ${this.at}`)
  }

  get atEnd(): boolean {
    return this.at === this.xml.length
  }

  skipSpace(): void {
    while (this.at < this.xml.length && /\s/.test(this.xml[this.at] ?? '')) this.at++
  }

  /** Skips to just past `terminator`, or fails with `why` when it never comes. */
  private skipPast(terminator: string, why: string): void {
    const end = this.xml.indexOf(terminator, this.at)
    if (end < 0) this.fail(why)
    this.at = end + terminator.length
  }

  /** Whitespace, processing instructions and comments around the root element. */
  skipMisc(): void {
    for (;;) {
      this.skipSpace()
      if (this.xml.startsWith('<?', this.at)) this.skipPast('?>', 'unterminated declaration')
      else if (this.xml.startsWith('<!--', this.at)) this.skipPast('-->', 'unterminated comment')
      else return
    }
  }

  private readName(): string {
    const m = NAME.exec(this.xml.slice(this.at, this.at + 200))
    if (!m) return this.fail('expected a name')
    this.at += m[0].length
    return m[0]
  }

  /** `<name attr="v" …>` or `<name … />`. */
  private readStartTag(): { name: string; attributes: Record<string, string>; empty: boolean } {
    const xml = this.xml
    if (xml[this.at] !== '<') this.fail('expected an element')
    this.at++
    const name = this.readName()
    const attributes: Record<string, string> = {}
    for (;;) {
      this.skipSpace()
      if (xml.startsWith('/>', this.at)) {
        this.at += 2
        return { name, attributes, empty: true }
      }
      if (xml[this.at] === '>') {
        this.at++
        return { name, attributes, empty: false }
      }
      const key = this.readName()
      this.skipSpace()
      if (xml[this.at] !== '=') this.fail('expected =')
      this.at++
      this.skipSpace()
      const quote = xml[this.at]
      if (quote !== '"' && quote !== "'") return this.fail('expected a quoted value')
      const end = xml.indexOf(quote, this.at + 1)
      if (end < 0) this.fail('unterminated attribute')
      attributes[key] = unescape(xml.slice(this.at + 1, end))
      this.at = end + 1
    }
  }

  private readEndTag(name: string): void {
    this.at += 2
    if (this.readName() !== name) this.fail(`mismatched </…> for <${name}>`)
    this.skipSpace()
    if (this.xml[this.at] !== '>') this.fail('expected >')
    this.at++
  }

  readElement(depth: number): XmlElement {
    if (depth > 32) this.fail('nesting too deep')
    const { name, attributes, empty } = this.readStartTag()
    if (empty) return { name, attributes, children: [], text: '' }
    const xml = this.xml
    const children: XmlElement[] = []
    let text = ''
    for (;;) {
      if (this.at >= xml.length) this.fail(`unclosed <${name}>`)
      if (xml.startsWith('</', this.at)) {
        this.readEndTag(name)
        return { name, attributes, children, text: children.length ? text.trim() : text }
      }
      if (xml.startsWith('<!--', this.at)) {
        this.skipPast('-->', 'unterminated comment')
      } else if (xml[this.at] === '<') {
        children.push(this.readElement(depth + 1))
      } else {
        const end = xml.indexOf('<', this.at)
        text += unescape(xml.slice(this.at, end < 0 ? xml.length : end))
        this.at = end < 0 ? xml.length : end
      }
    }
  }
}

/** Parses one XML document into a tree; throws RecordParseError on anything malformed. */
export function parseXml(xml: string): XmlElement {
  const cursor = new XmlCursor(xml)
  cursor.skipMisc()
  const root = cursor.readElement(0)
  cursor.skipMisc()
  if (!cursor.atEnd) cursor.fail('content after the root element')
  return root
}
