/** What a table cell or a detail holds: text, a number, nothing, or a node built by the page. */
export type Content = string | number | null | undefined | Node

/** The element with `id`, checked to be of `type`: the page's markup is part of its contract. */
export function byId<T extends HTMLElement>(id: string, type: new () => T): T {
  const node = document.getElementById(id)
  if (!(node instanceof type)) throw new Error(`review page: #${id} is missing`)
  return node
}

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string | number | null,
  className?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  if (text !== undefined && text !== null) node.textContent = String(text)
  if (className) node.className = className
  return node
}

/** Puts `content` into `node`: a node as a child, anything else as text. */
export function fill(node: HTMLElement, content: Content): void {
  if (content instanceof Node) node.append(content)
  else node.textContent = content === undefined || content === null ? '' : String(content)
}

export function row(cells: readonly Content[], header = false): HTMLTableRowElement {
  const tr = element('tr')
  for (const cell of cells) {
    const td = element(header ? 'th' : 'td')
    fill(td, cell)
    tr.append(td)
  }
  return tr
}
