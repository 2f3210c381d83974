import {
  ALERT_KINDS,
  parseAlarmName,
  remediationCandidates,
  responderFamily,
  type BackendType,
} from '../../lib/catalogue';
import type { Alarm } from '../core/alarm';
import type { ReasonCode } from '../core/record';
import type { ResolvedAlarm } from '../core/resolved';
import type { ResponderSettings } from '../runtime/settings';


export type Resolution = { readonly ok: true; readonly value: ResolvedAlarm } | { readonly ok: false; readonly code: ReasonCode; readonly reason: string };

const reject = (code: ReasonCode, reason: string): Resolution => ({ ok: false, code, reason });

/**
 * Ties an alarm to the catalogue entry, the system and the resource — or says why it cannot:
 * an alarm of another account or region, or one this responder does not own, changes nothing.
 */
export function resolveAlarm(alarm: Alarm, settings: ResponderSettings, self: { account: string; region: string }): Resolution {
  if (alarm.account !== undefined && alarm.account !== self.account) {
    return reject('foreign-alarm', `alarm belongs to account ${alarm.account}, this responder to ${self.account}`);
  }
  if (alarm.region !== undefined && !settings.allowedRegions.includes(alarm.region)) {
    return reject('foreign-alarm', `alarm is in region ${alarm.region}; this responder accepts ${settings.allowedRegions.join(', ')}`);
  }
  const parts = parseAlarmName(alarm.name, settings.prefix);
  if (!parts) return reject('unknown-alarm', `alarm name does not follow "${settings.prefix}-<system>-<kind>-<resource>"`);
  if (parts.system !== settings.system) {
    return reject('unknown-alarm', `alarm is for system "${parts.system}"; this responder serves "${settings.system}"`);
  }
  const target = settings.targets.get(parts.resourceKey);
  const kind = ALERT_KINDS[parts.kind];
  if (!target) return reject('unknown-alarm', `no configured resource "${parts.resourceKey}" in system "${settings.system}"`);
  if (!kind.signals[target.type]) return reject('unknown-alarm', `alert kind "${kind.id}" does not apply to ${target.type} "${target.key}"`);
  const candidates = remediationCandidates(kind, target.type, (target.backends ?? []).map((b) => b.type as BackendType));
  const family = responderFamily(candidates);
  if (family !== settings.family) {
    return reject('unknown-alarm', `alarm belongs to the ${family} responder, not to this ${settings.family} responder`);
  }
  return { ok: true, value: { kind, target, candidates } };
}
