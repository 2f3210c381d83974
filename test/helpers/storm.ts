/** An alarm storm: many deliveries of few alarm transitions, shuffled; for the storm test and the benchmark. */
import { parseInvocation, type ParseOutcome } from '../../lambdas/pipeline/notification';
import type { ResponderSettings } from '../../lambdas/runtime/settings';
import { alarmMessage, snsEvent } from './alarm-event';
import { planOf, settingsForAlarm } from './responder-settings';

export const STORM = { alarms: 50, transitions: 2, deliveries: 1000, batch: 50 } as const;
/** When the storm is handled: a few minutes after its transitions (03:10 and 03:12), so none is stale. */
export const STORM_NOW = new Date('2026-11-23T03:15:00.000Z');

/** mulberry32: a fixed shuffle, so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The storm system's functions and their throttling alarms. */
export const stormFunction = (i: number): string => `fn-${String(i).padStart(2, '0')}`;
export const stormAlarm = (i: number): string => `ar-storm-lambda-throttles-${stormFunction(i)}`;

export interface Delivery {
  readonly alarm: number;
  readonly transition: number;
  readonly outcome: ParseOutcome;
}

/** Each alarm's ALARM transitions (2 minutes apart) once, the rest repeats of them, shuffled. */
export function stormDeliveries(): Delivery[] {
  const { alarms, transitions, deliveries } = STORM;
  const next = random(42);
  const list = Array.from({ length: deliveries }, (_, i) => {
    const distinct = i < alarms * transitions ? i : Math.floor(next() * alarms * transitions);
    const alarm = distinct % alarms;
    const transition = Math.floor(distinct / alarms);
    const time = `2026-11-23T03:${String(10 + 2 * transition).padStart(2, '0')}:00.000+0000`;
    return { alarm, transition, outcome: parseInvocation(snsEvent([alarmMessage({ name: stormAlarm(alarm), time })]))[0] };
  });
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}

/** The responder settings of the storm system: one lambda responder for every alarm, room for every apply. */
export function stormSettings(): ResponderSettings {
  const plan = planOf({
    prefix: 'ar',
    guardrails: { cooldownMinutes: 15, maxActionsPerHour: 1000 },
    systems: [{ id: 'storm', resources: { lambda: Array.from({ length: STORM.alarms }, (_, i) => ({ name: stormFunction(i) })) } }],
  });
  return settingsForAlarm(stormAlarm(0), plan);
}
