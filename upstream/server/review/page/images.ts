import type { ReviewApi, ReviewDetail } from './api'
import { byId, element } from './dom'
import type { textOf } from './state'
import type { ReviewKey } from './texts'

type Text = ReturnType<typeof textOf>

/** The ten fingers in the order of their ISO 19794-4 positions (right thumb first). */
export const FINGER_TEXTS = {
  'right-thumb': 'fingers.names.right-thumb',
  'right-index': 'fingers.names.right-index',
  'right-middle': 'fingers.names.right-middle',
  'right-ring': 'fingers.names.right-ring',
  'right-little': 'fingers.names.right-little',
  'left-thumb': 'fingers.names.left-thumb',
  'left-index': 'fingers.names.left-index',
  'left-middle': 'fingers.names.left-middle',
  'left-ring': 'fingers.names.left-ring',
  'left-little': 'fingers.names.left-little',
} as const satisfies Record<string, ReviewKey>

const isNamedFinger = (name: string): name is keyof typeof FINGER_TEXTS =>
  Object.hasOwn(FINGER_TEXTS, name)

/** Object URLs of the images shown, revoked when another file replaces them. */
const shownUrls: string[] = []

/** One image, fetched with the reviewer's token; a failure becomes the figure's note. */
async function imageFigure(
  caption: string,
  fetchImage: () => Promise<Blob>,
  notShown: (reason: string) => string,
): Promise<HTMLElement> {
  const box = element('figure')
  box.append(element('figcaption', caption))
  try {
    const url = URL.createObjectURL(await fetchImage())
    shownUrls.push(url)
    const img = element('img')
    img.alt = caption
    img.src = url
    box.append(img)
  } catch (error) {
    box.append(
      element('p', notShown(error instanceof Error ? error.message : String(error)), 'error'),
    )
  }
  return box
}

function placeholderFigure(caption: string, note: string): HTMLElement {
  const box = element('figure')
  box.append(element('figcaption', caption), element('span', note, 'badge'))
  return box
}

function fingerOrder(name: string): number {
  const finger = name.slice('finger/'.length)
  const index = Object.keys(FINGER_TEXTS).indexOf(finger)
  return index < 0 ? Number.MAX_SAFE_INTEGER : index
}

/** The ten fingers as images (the server decodes JPEG 2000 and sends PNG), placeholders noted. */
async function renderFingers(t: Text, api: ReviewApi, detail: ReviewDetail, fileId: string) {
  const section = byId('fingers', HTMLElement)
  const fingers = detail.parts
    .filter((p) => p.kind === 'finger')
    .sort((a, b) => fingerOrder(a.name) - fingerOrder(b.name))
  const grid = element('div', null, 'gallery fingers')
  section.replaceChildren(element('h3', t('fingers.title')), grid)
  section.hidden = false
  if (!fingers.length) grid.append(element('p', t('fingers.none'), 'note'))
  const figures = await Promise.all(
    fingers.map((part) => {
      const finger = part.name.slice('finger/'.length)
      const caption = isNamedFinger(finger) ? t(FINGER_TEXTS[finger]) : part.name
      // A placeholder stands in for a device layer: there is no image to ask the server for.
      if (part.placeholder) return Promise.resolve(placeholderFigure(caption, t('placeholder')))
      return imageFigure(
        caption,
        () => api.finger(fileId, part.name),
        (reason) => t('fingers.notShown', { reason }),
      )
    }),
  )
  grid.append(...figures)
}

/** The document photos, JPEG as the kiosk stored them. */
async function renderPhotos(t: Text, api: ReviewApi, detail: ReviewDetail, fileId: string) {
  const section = byId('photos', HTMLElement)
  const photos = detail.parts.filter((p) => p.kind === 'document' && !p.placeholder)
  section.hidden = photos.length === 0
  const grid = element('div', null, 'gallery photos')
  section.replaceChildren(element('h3', t('photos.title')), grid)
  const figures = await Promise.all(
    photos.map((part) =>
      imageFigure(
        part.name,
        () => api.part(fileId, part.name),
        (reason) => t('photos.notShown', { reason }),
      ),
    ),
  )
  grid.append(...figures)
}

/** Fingers and document photos of the file; the previous file's images are released first. */
export async function renderImages(t: Text, api: ReviewApi, detail: ReviewDetail): Promise<void> {
  for (const url of shownUrls.splice(0)) URL.revokeObjectURL(url)
  await Promise.all([
    renderFingers(t, api, detail, detail.fileId),
    renderPhotos(t, api, detail, detail.fileId),
  ])
}
