// First: must run before any contract schema is built.
import '../../electron/contract/zod-no-eval'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { I18nextProvider } from 'react-i18next'
import { App } from './App'
import { connectToKiosk } from './api/kiosk-client'
import { createI18n } from './i18n'
// Bundled fonts with every Vietnamese letter (the vietnamese, latin and latin-ext subsets, loaded
// by unicode-range): a kiosk's system fonts may lack stacked diacritics such as ồ, ế, ặ.
import '@fontsource/noto-sans/400.css'
import '@fontsource/noto-sans/600.css'
import '@fontsource/noto-sans/700.css'
import '@fontsource/noto-sans-mono/400.css'
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
