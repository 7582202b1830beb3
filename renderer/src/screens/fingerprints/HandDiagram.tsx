import { useTranslation } from 'react-i18next'
import type { FingerName, FingerState } from '../../../../electron/contract'
import { displayOf, STATUS_ICON } from './finger-status'

interface FingerShape {
  finger: FingerName
  x: number
  y: number
  height: number
}

// Both hands palm down on the desk, seen from above: the left hand on the left, thumbs inwards.
const FINGER_WIDTH = 44
const LEFT_HAND: FingerShape[] = [
  { finger: 'left-little', x: 10, y: 80, height: 80 },
  { finger: 'left-ring', x: 60, y: 40, height: 110 },
  { finger: 'left-middle', x: 110, y: 20, height: 125 },
  { finger: 'left-index', x: 160, y: 40, height: 110 },
  { finger: 'left-thumb', x: 196, y: 176, height: 84 },
]
const RIGHT_HAND: FingerShape[] = [
  { finger: 'right-thumb', x: 304, y: 176, height: 84 },
  { finger: 'right-index', x: 340, y: 40, height: 110 },
  { finger: 'right-middle', x: 390, y: 20, height: 125 },
  { finger: 'right-ring', x: 440, y: 40, height: 110 },
  { finger: 'right-little', x: 490, y: 80, height: 80 },
]

/**
 * Two hands, ten fingers: the selected one outlined thick, each finger's state shown by an icon
 * and a colour. Tapping a finger selects it; the finger list below is the keyboard's way in.
 */
export function HandDiagram({
  fingers,
  selected,
  onSelect,
}: {
  fingers: readonly FingerState[]
  selected: FingerName
  onSelect: (finger: FingerName) => void
}) {
  const { t } = useTranslation()
  const byName = new Map(fingers.map((f) => [f.finger, f]))
  const shape = (s: FingerShape) => {
    const display = displayOf(byName.get(s.finger))
    const isSelected = s.finger === selected
    return (
      <g
        key={s.finger}
        data-finger={s.finger}
        data-status={display}
        data-selected={isSelected}
        className={`finger-shape finger-${display}${isSelected ? ' finger-selected' : ''}`}
        onClick={() => onSelect(s.finger)}
      >
        <title>
          {t('fingerprints.fingerTitle', {
            finger: t(`fingerprints.fingers.${s.finger}`),
            status: t(`fingerprints.status.${display}`),
          })}
        </title>
        <rect x={s.x} y={s.y} width={FINGER_WIDTH} height={s.height} rx={FINGER_WIDTH / 2} />
        <text x={s.x + FINGER_WIDTH / 2} y={s.y + 34} textAnchor="middle" aria-hidden="true">
          {STATUS_ICON[display]}
        </text>
      </g>
    )
  }
  return (
    <svg
      className="hand-diagram"
      viewBox="0 0 544 320"
      role="img"
      aria-label={t('fingerprints.diagram', { finger: t(`fingerprints.fingers.${selected}`) })}
      data-testid="hand-diagram"
    >
      <rect className="palm" x={10} y={150} width={200} height={160} rx={40} />
      <rect className="palm" x={334} y={150} width={200} height={160} rx={40} />
      <text className="hand-label" x={110} y={240} textAnchor="middle">
        {t('fingerprints.hands.left')}
      </text>
      <text className="hand-label" x={434} y={240} textAnchor="middle">
        {t('fingerprints.hands.right')}
      </text>
      {LEFT_HAND.map(shape)}
      {RIGHT_HAND.map(shape)}
    </svg>
  )
}
