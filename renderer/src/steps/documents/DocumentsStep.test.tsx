import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { EnrollmentView } from '../../../../electron/contract'
import { renderTranslated } from '../../test-support'
import {
  enrollmentKiosk,
  enrollmentView,
  eligibilityView,
  intentsOf,
  ok,
} from '../enrollment-fixtures'
import { useTestEnrollment } from './test-api'
import type { DocumentCamera } from './document-camera'
import { DocumentsStep } from './DocumentsStep'

afterEach(cleanup)

const atDocuments = (fields: Partial<EnrollmentView> = {}) =>
  enrollmentView({
    step: 'documents',
    eligibility: eligibilityView({ on: '2026-12-03' }),
    ...fields,
  })

/** A camera that "shows" a fixed JPEG: the test checks what is sent, not a real capture. */
const JPEG_BASE64 = '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAA=='
function fakeCamera() {
  const events: string[] = []
  const camera: DocumentCamera = {
    open: () => {
      events.push('open')
      return Promise.resolve(() => events.push('stop'))
    },
    grab: () => JPEG_BASE64,
  }
  return { camera, events }
}

async function renderDocuments(initial: EnrollmentView, handlers = {}, camera?: DocumentCamera) {
  const kiosk = enrollmentKiosk(handlers)
  const rendered = await renderTranslated(
    <DocumentsHost client={kiosk.client} initial={initial} {...(camera ? { camera } : {})} />,
  )
  return { ...kiosk, ...rendered }
}

function DocumentsHost(
  props: Parameters<typeof useTestEnrollment>[0] & { camera?: DocumentCamera },
) {
  const api = useTestEnrollment(props)
  return (
    <DocumentsStep
      client={props.client}
      api={api}
      devicesMode="real"
      {...(props.camera ? { camera: props.camera } : {})}
    />
  )
}

const hintOf = (label: string) => {
  const input = screen.getByLabelText(label)
  return document.getElementById(input.getAttribute('aria-describedby')!.split(' ').at(-1)!)
    ?.textContent
}

describe('step 4, documents', () => {
  it('gives each field its rule’s hint while typing', async () => {
    await renderDocuments(atDocuments())
    const type = (label: string, value: string) =>
      fireEvent.change(screen.getByLabelText(label), { target: { value } })
    type('Mã thẻ bảo hiểm y tế (10 số hoặc 15 ký tự)', 'DN4010123456789')
    expect(hintOf('Mã thẻ bảo hiểm y tế (10 số hoặc 15 ký tự)')).toBe('✓ Mã số BHXH 0123456789')
    type('Mã thẻ bảo hiểm y tế (10 số hoặc 15 ký tự)', '12345')
    expect(hintOf('Mã thẻ bảo hiểm y tế (10 số hoặc 15 ký tự)')).toContain('⚠')
    type('Số giấy phép lái xe (12 số)', '0123 4567 8901')
    expect(hintOf('Số giấy phép lái xe (12 số)')).toBe('✓ Số hợp lệ.')
    type('Có giá trị đến', '01/01/2020')
    expect(hintOf('Có giá trị đến')).toContain('⚠')
    type('Có giá trị đến', 'Không thời hạn')
    expect(hintOf('Có giá trị đến')).toBe('✓ Không thời hạn.')
    fireEvent.click(screen.getByRole('button', { name: 'Thêm xe' }))
    const vehicle = screen.getByRole('group', { name: 'Xe 1' })
    fireEvent.change(within(vehicle).getByLabelText('Biển số'), { target: { value: '30a12345' } })
    const plate = within(vehicle).getByLabelText('Biển số')
    expect(document.getElementById(plate.getAttribute('aria-describedby')!)?.textContent).toBe(
      '✓ 30A-123.45 · Hà Nội',
    )
  })

  it('marks the old licence classes as old, and sends only what was filled in', async () => {
    const { calls } = await renderDocuments(atDocuments(), {
      'enrollment.intent': () => ok(enrollmentView({ step: 'portrait' })),
    })
    const classes = screen.getByLabelText('Hạng')
    const old = within(classes).getByRole('group', { name: 'Hạng cũ (Luật 23/2008)' })
    expect(within(old).getByRole('option', { name: 'B2 (hạng cũ)' })).toBeTruthy()
    expect(within(old).queryByRole('option', { name: 'B1 (hạng cũ)' })).toBeNull()
    fireEvent.change(screen.getByLabelText('Số giấy phép lái xe (12 số)'), {
      target: { value: '012345678901' },
    })
    fireEvent.change(classes, { target: { value: 'B2' } })
    fireEvent.change(screen.getByLabelText('Có giá trị đến'), { target: { value: '15/06/2030' } })
    fireEvent.click(screen.getByRole('button', { name: 'Thêm xe' }))
    fireEvent.click(screen.getByRole('button', { name: 'Thêm xe' }))
    fireEvent.change(
      within(screen.getByRole('group', { name: 'Xe 1' })).getByLabelText('Biển số'),
      {
        target: { value: '29-B1 234.56' },
      },
    )
    fireEvent.submit(classes.closest('form')!)
    await waitFor(() =>
      expect(intentsOf(calls)).toEqual([
        {
          type: 'documents.set',
          drivingLicence: { number: '012345678901', licenceClass: 'B2', expiry: '15/06/2030' },
          vehicleRegistrations: [{ plate: '29-B1 234.56' }],
        },
      ]),
    )
  })

  it('takes a document photo with the camera, lists it, and removes it', async () => {
    const { camera, events } = fakeCamera()
    const photo = { photoId: 'p-1', of: 'driving-licence', bytes: 20480 } as const
    const withPhoto = atDocuments({
      documents: {
        healthInsurance: null,
        drivingLicence: null,
        vehicleRegistrations: [],
        photos: [photo],
      },
    })
    let n = 0
    const { calls } = await renderDocuments(
      atDocuments(),
      { 'enrollment.intent': () => ok(++n === 1 ? withPhoto : atDocuments()) },
      camera,
    )
    expect(screen.getByText('Chưa có ảnh giấy tờ.')).toBeTruthy()
    fireEvent.change(screen.getByLabelText('Ảnh của'), { target: { value: 'driving-licence' } })
    fireEvent.click(screen.getByRole('button', { name: 'Mở camera' }))
    fireEvent.click(await screen.findByRole('button', { name: 'Chụp giấy tờ' }))
    await waitFor(() =>
      expect(intentsOf(calls)).toEqual([
        { type: 'documents.addPhoto', of: 'driving-licence', jpegBase64: JPEG_BASE64 },
      ]),
    )
    const list = await screen.findByTestId('photo-list')
    expect(list.textContent).toContain('Giấy phép lái xe · 20 KB')
    fireEvent.click(within(list).getByRole('button', { name: 'Xóa ảnh' }))
    await waitFor(() =>
      expect(intentsOf(calls)[1]).toEqual({ type: 'documents.removePhoto', photoId: 'p-1' }),
    )
    await screen.findByText('Chưa có ảnh giấy tờ.')
    fireEvent.click(screen.getByRole('button', { name: 'Tắt camera' }))
    expect(events).toEqual(['open', 'stop'])
  })

  it('says when the camera cannot be opened', async () => {
    const camera: DocumentCamera = {
      open: () => Promise.reject(Object.assign(new Error('denied'), { name: 'NotAllowedError' })),
      grab: () => '',
    }
    await renderDocuments(atDocuments(), {}, camera)
    fireEvent.click(screen.getByRole('button', { name: 'Mở camera' }))
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Không mở được camera (NotAllowedError)',
    )
  })
})
