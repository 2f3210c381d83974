import {
  RESPONDER_FAMILIES,
  alarmNamePrefix,
  type AlertKindId,
  type PlannedKinds,
  type RemediationId,
  type Signal,
  type Target,
} from '../catalogue';
import type { DeploymentConfig, SystemConfig } from '../config/schema';
import type { AlarmNameFilter, PlannedAlarm, PlannedResponder } from './types';

/** SNS allows 150 value combinations in a filter policy. */
export const MAX_FILTER_VALUES = 150;

function uniqueByKey(targets: readonly Target[]): Target[] {
  return [...new Map(targets.map((t) => [t.key, t])).values()];
}

/**
 * The alarm-name filter for one responder: a prefix per alert kind where every alarm of that
 * kind in the system belongs to it, else the exact names (so no alarm reaches two responders).
 */
function filterFor(config: DeploymentConfig, system: SystemConfig, mine: readonly PlannedAlarm[], all: readonly PlannedAlarm[]): AlarmNameFilter[] {
  const filter: AlarmNameFilter[] = [];
  const kinds = [...new Set(mine.map((a) => a.kind.id))];
  for (const kind of kinds) {
    const ofKind = all.filter((a) => a.kind.id === kind);
    if (ofKind.every((a) => a.family === mine[0].family)) filter.push({ prefix: alarmNamePrefix(config.prefix, system.id, kind) });
    else filter.push(...mine.filter((a) => a.kind.id === kind).map((a) => a.name));
  }
  if (filter.length > MAX_FILTER_VALUES) {
    throw new Error(
      `System "${system.id}": the ${mine[0].family} responder would need ${filter.length} filter values, over SNS's ${MAX_FILTER_VALUES}. ` +
        'Give the alarms of one alert kind in this system a single remediation family, or split the system.',
    );
  }
  return filter;
}

/** Groups a system's alarms into responders, one per remediation family. */
export function planResponders(config: DeploymentConfig, system: SystemConfig, alarms: readonly PlannedAlarm[]): PlannedResponder[] {
  const responders: PlannedResponder[] = [];
  for (const family of RESPONDER_FAMILIES) {
    const mine = alarms.filter((a) => a.family === family);
    if (mine.length === 0) continue;
    const grants = new Map<RemediationId, Target[]>();
    for (const alarm of mine) {
      for (const r of alarm.remediation) {
        grants.set(r, uniqueByKey([...(grants.get(r) ?? []), ...alarm.actsOn]));
      }
    }
    const diagnosticLogGroups = new Set<string>();
    for (const alarm of mine) {
      for (const m of Object.values((alarm.signal as Signal<Target['props']>).metrics)) {
        if (m.source === 'log') diagnosticLogGroups.add(m.logGroupName(alarm.target.props));
      }
    }
    responders.push({
      id: `${system.id}-${family}`,
      system: system.id,
      family,
      alarms: mine,
      targets: uniqueByKey(mine.map((a) => a.target)),
      grants,
      filter: filterFor(config, system, mine, alarms),
      diagnosticLogGroups: [...diagnosticLogGroups],
    });
  }
  return responders;
}

/** The alert kinds planned on each target of these alarms: what the targets codec hands the responder. */
export function plannedKinds(alarms: readonly PlannedAlarm[]): PlannedKinds {
  const kinds = new Map<string, AlertKindId[]>();
  for (const alarm of alarms) kinds.set(alarm.target.key, [...new Set([...(kinds.get(alarm.target.key) ?? []), alarm.kind.id])]);
  return kinds;
}
