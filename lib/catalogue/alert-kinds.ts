import { availabilityKinds } from './kinds/availability';
import { businessKinds } from './kinds/business';
import { capacityKinds } from './kinds/capacity';
import { securityKinds } from './kinds/security';
import type { AlertKindSpec } from './kinds/spec';

export type { AlertKindSpec } from './kinds/spec';

/** The 22 alert kinds of ALERTS.md, grouped by the question each answers. */
const kinds = { ...availabilityKinds, ...capacityKinds, ...securityKinds, ...businessKinds };

export type AlertKindId = keyof typeof kinds;

export interface AlertKind extends AlertKindSpec {
  readonly id: AlertKindId;
}

/** The alert catalogue, keyed by kind id. */
export const ALERT_KINDS: { readonly [K in AlertKindId]: AlertKind } = Object.fromEntries(
  Object.entries(kinds).map(([id, spec]) => [id, { id, ...spec }]),
) as unknown as { readonly [K in AlertKindId]: AlertKind };

export const ALERT_KIND_IDS = Object.keys(kinds) as AlertKindId[];

export function isAlertKindId(value: string): value is AlertKindId {
  return Object.prototype.hasOwnProperty.call(kinds, value);
}
