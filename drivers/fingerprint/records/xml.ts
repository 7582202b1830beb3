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
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16))
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10))
    const v = ENTITIES[name]
    if (v === undefined) throw new RecordParseError('cbeff', `unknown entity ${whole}`)
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

/** Parses one XML document into a tree; throws RecordParseError on anything malformed. */
export function parseXml(xml: string): XmlElement {
  let at = 0
  const fail = (why: string): never => {
    throw new RecordParseError('cbeff', `${why} at offset ${at}`)
  }
  const skipSpace = (): void => {
    while (at < xml.length && /\s/.test(xml[at] ?? '')) at++
  }
  const skipMisc = (): void => {
    for (;;) {
      skipSpace()
      if (xml.startsWith('<?', at)) {
        const end = xml.indexOf('?>', at)
        if (end < 0) fail('unterminated declaration')
        at = end + 2
      } else if (xml.startsWith('<!--', at)) {
        const end = xml.indexOf('-->', at)
        if (end < 0) fail('unterminated comment')
        at = end + 3
      } else return
    }
  }
  const readName = (): string => {
    const m = NAME.exec(xml.slice(at, at + 200))
    if (!m) return fail('expected a name')
    at += m[0].length
    return m[0]
  }
  const readElement = (depth: number): XmlElement => {
    if (depth > 32) fail('nesting too deep')
    if (xml[at] !== '<') fail('expected an element')
    at++
    const name = readName()
    const attributes: Record<string, string> = {}
    for (;;) {
      skipSpace()
      if (xml.startsWith('/>', at)) {
        at += 2
        return { name, attributes, children: [], text: '' }
      }
      if (xml[at] === '>') {
        at++
        break
      }
      const key = readName()
      skipSpace()
      if (xml[at] !== '=') fail('expected =')
      at++
      skipSpace()
      const quote = xml[at]
      if (quote !== '"' && quote !== "'") return fail('expected a quoted value')
      const end = xml.indexOf(quote, at + 1)
      if (end < 0) fail('unterminated attribute')
      attributes[key] = unescape(xml.slice(at + 1, end))
      at = end + 1
    }
    const children: XmlElement[] = []
    let text = ''
    for (;;) {
      if (at >= xml.length) fail(`unclosed <${name}>`)
      if (xml.startsWith('</', at)) {
        at += 2
        if (readName() !== name) fail(`mismatched </…> for <${name}>`)
        skipSpace()
        if (xml[at] !== '>') fail('expected >')
        at++
        return { name, attributes, children, text: children.length ? text.trim() : text }
      }
      if (xml.startsWith('<!--', at)) {
        const end = xml.indexOf('-->', at)
        if (end < 0) fail('unterminated comment')
        at = end + 3
      } else if (xml[at] === '<') {
        children.push(readElement(depth + 1))
      } else {
        const end = xml.indexOf('<', at)
        text += unescape(xml.slice(at, end < 0 ? xml.length : end))
        at = end < 0 ? xml.length : end
      }
    }
  }
  skipMisc()
  const root = readElement(0)
  skipMisc()
  if (at !== xml.length) fail('content after the root element')
  return root
}
