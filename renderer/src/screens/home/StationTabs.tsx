import { useRef, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'

export const stationTabs = ['station', 'queue'] as const
export type StationTab = (typeof stationTabs)[number]

/** The home's two views as ARIA tabs: click or touch, or the arrow keys once one has focus. */
export function StationTabs({
  selected,
  onSelect,
}: {
  selected: StationTab
  onSelect: (tab: StationTab) => void
}) {
  const { t } = useTranslation()
  const buttons = useRef<Partial<Record<StationTab, HTMLButtonElement | null>>>({})

  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0
    if (step === 0) return
    event.preventDefault()
    const index = stationTabs.indexOf(selected)
    const next = stationTabs[(index + step + stationTabs.length) % stationTabs.length] ?? selected
    onSelect(next)
    buttons.current[next]?.focus()
  }

  return (
    <div className="tabs" role="tablist" aria-label={t('home.tabs.label')} onKeyDown={onKeyDown}>
      {stationTabs.map((tab) => (
        <button
          key={tab}
          ref={(element) => {
            buttons.current[tab] = element
          }}
          type="button"
          role="tab"
          id={`tab-${tab}`}
          aria-selected={tab === selected}
          aria-controls={`tabpanel-${tab}`}
          tabIndex={tab === selected ? 0 : -1}
          onClick={() => onSelect(tab)}
        >
          {t(`home.tabs.${tab}`)}
        </button>
      ))}
    </div>
  )
}
