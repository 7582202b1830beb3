import { Curve } from './curve'
import { matchStandardCurve, standardCurveById, type CurveParams } from './standard-curves'

const cache = new Map<number, Curve>()

/** The Curve for a standardized domain parameter id (12–18), or undefined when unknown or not EC. */
export function curveForParameterId(id: number): Curve | undefined {
  const cached = cache.get(id)
  if (cached) return cached
  const standard = standardCurveById(id)
  if (!standard) return undefined
  const curve = new Curve(standard, standard.nodeName)
  cache.set(id, curve)
  return curve
}

/** A Curve for explicit parameters; recognises the standard curves so native ECDH can be used. */
export function curveForParams(params: CurveParams): Curve {
  const standard = matchStandardCurve(params)
  return standard ? (curveForParameterId(standard.id) ?? new Curve(params)) : new Curve(params)
}
