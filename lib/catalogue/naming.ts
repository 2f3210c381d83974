import { ALERT_KIND_IDS, type AlertKindId } from './alert-kinds';

/** CloudWatch's limit on alarm names. */
export const MAX_ALARM_NAME_LENGTH = 255;

export interface AlarmNameParts {
  readonly prefix: string;
  readonly system: string;
  readonly kind: AlertKindId;
  readonly resourceKey: string;
}

/** The one naming rule: `<prefix>-<system>-<kind>-<resource>`. */
export function alarmName(parts: AlarmNameParts): string {
  return `${parts.prefix}-${parts.system}-${parts.kind}-${parts.resourceKey}`;
}

/** The prefix every alarm of one system and kind shares: what SNS filter policies match on. */
export function alarmNamePrefix(prefix: string, system: string, kind: AlertKindId): string {
  return `${prefix}-${system}-${kind}-`;
}

/**
 * Reads an alarm name back. The configuration guarantees system ids never contain `-<kind>-`,
 * so the first kind id found after the prefix is the right one. Returns undefined for names
 * this deployment did not make.
 */
export function parseAlarmName(name: string, prefix: string): AlarmNameParts | undefined {
  if (!name.startsWith(`${prefix}-`)) return undefined;
  const rest = name.slice(prefix.length + 1);
  let best: { index: number; kind: AlertKindId } | undefined;
  for (const kind of ALERT_KIND_IDS) {
    const index = rest.indexOf(`-${kind}-`);
    if (index > 0 && (best === undefined || index < best.index)) best = { index, kind };
  }
  if (!best) return undefined;
  const system = rest.slice(0, best.index);
  const resourceKey = rest.slice(best.index + best.kind.length + 2);
  if (!resourceKey) return undefined;
  return { prefix, system, kind: best.kind, resourceKey };
}

/** Whether a system id would make alarm names ambiguous. */
export function systemIdClashesWithKinds(system: string): AlertKindId | undefined {
  const padded = `-${system}-`;
  return ALERT_KIND_IDS.find((kind) => padded.includes(`-${kind}-`));
}
