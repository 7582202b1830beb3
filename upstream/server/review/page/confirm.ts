import type { ReviewDetail } from './api'
import { byId } from './dom'
import type { textOf } from './state'

const CONFIRM_TEXTS = {
  approve: { title: 'confirm.approveTitle', button: 'confirm.approve' },
  reject: { title: 'confirm.rejectTitle', button: 'confirm.reject' },
} as const

export interface ConfirmRequest {
  title: string
  body: string
  /** The confirming button's text: it names the action again ("Approve file"). */
  confirmLabel: string
  action: 'approve' | 'reject'
}

/**
 * Asks the reviewer to confirm a decision in the page's modal dialog (#confirm): resolves true
 * on the confirming button, false on Cancel or Esc. Focus starts on Cancel, since a decision
 * cannot be undone, stays inside the dialog (Tab cycles the two buttons), and returns to where
 * it was. Both buttons are full-size touch targets (review.css).
 */
export function askToConfirm(request: ConfirmRequest): Promise<boolean> {
  const dialog = byId('confirm', HTMLElement)
  const ok = byId('confirm-ok', HTMLButtonElement)
  const cancel = byId('confirm-cancel', HTMLButtonElement)
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
  byId('confirm-title', HTMLElement).textContent = request.title
  byId('confirm-body', HTMLElement).textContent = request.body
  ok.textContent = request.confirmLabel
  ok.dataset.action = request.action
  dialog.hidden = false
  cancel.focus()
  return new Promise((resolve) => {
    const finish = (confirmed: boolean) => {
      dialog.hidden = true
      ok.removeEventListener('click', onOk)
      cancel.removeEventListener('click', onCancel)
      document.removeEventListener('keydown', onKey, true)
      opener?.focus()
      resolve(confirmed)
    }
    const onOk = () => finish(true)
    const onCancel = () => finish(false)
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault()
        finish(false)
      } else if (event.key === 'Tab') {
        event.preventDefault()
        ;(document.activeElement === ok ? cancel : ok).focus()
      }
    }
    ok.addEventListener('click', onOk)
    cancel.addEventListener('click', onCancel)
    document.addEventListener('keydown', onKey, true)
  })
}

/** The confirm step of a decision: the citizen's name, the action, and the reason if rejecting. */
export function confirmDecision(
  t: ReturnType<typeof textOf>,
  detail: ReviewDetail,
  action: 'approve' | 'reject',
  reason: string,
): Promise<boolean> {
  const name = detail.citizenName ?? t('confirm.unnamed')
  return askToConfirm({
    title: t(CONFIRM_TEXTS[action].title, { name }),
    body: action === 'approve' ? t('confirm.approveBody') : t('confirm.rejectBody', { reason }),
    confirmLabel: t(CONFIRM_TEXTS[action].button),
    action,
  })
}
