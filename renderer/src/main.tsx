// First: must run before any contract schema is built.
import '../../electron/contract/zod-no-eval'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { I18nextProvider } from 'react-i18next'
import { App } from './App'
import { connectToKiosk } from './api/kiosk-client'
import { createI18n } from './i18n'
import './styles.css'

const i18n = await createI18n('vi')
const root = document.getElementById('root')
if (!root) throw new Error('missing #root')
createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <App connection={connectToKiosk(window)} />
    </I18nextProvider>
  </StrictMode>,
)
