import {
  ALERT_KINDS,
  ALERT_KIND_IDS,
  MAX_ALARM_NAME_LENGTH,
  REMEDIATIONS,
  SEVERITIES,
  alarmName,
  escalationTopicName,
  parseAlarmName,
  severityTopicName,
  type AlertKind,
  type RemediationId,
  type Signal,
} from '../../lib/catalogue';
import { loadConfig } from '../../lib/config/load';
import { planDeployment } from '../../lib/deployment';
import { DEFAULT_CONFIG_PATH } from '../helpers/synth';

/**
 * The 22 kinds of ALERTS.md with their severities, written out so a renamed id fails here. The
 * catalogue may hold more: a kind added beyond the spec needs no edit here.
 */
const ALERTS_MD: Record<string, 'P0' | 'P1' | 'P2'> = {
  'api-down': 'P0',
  'high-error-rate': 'P1',
  'high-latency': 'P1',
  'lambda-throttles': 'P1',
  'lambda-timeouts': 'P1',
  'lambda-memory': 'P1',
  'dynamodb-throttling': 'P1',
  'ecs-service-down': 'P1',
  'high-cpu': 'P1',
  'high-memory': 'P1',
  'database-connections': 'P0',
  'redis-connection-failed': 'P1',
  'auth-failures': 'P0',
  'unauthorized-access': 'P0',
  'security-violation': 'P0',
  'frontend-errors': 'P1',
  'queue-depth': 'P2',
  'data-inconsistency': 'P2',
  'notification-delivery-failed': 'P2',
  'ai-throttling': 'P1',
  'daily-cost': 'P2',
  'integration-latency': 'P1',
};

/** Every (kind, target type, signal) of the catalogue. */
const SIGNALS: Array<[string, AlertKind, Signal<unknown>]> = ALERT_KIND_IDS.flatMap((id) =>
  Object.entries(ALERT_KINDS[id].signals).map(([type, signal]) => [`${id} on ${type}`, ALERT_KINDS[id], signal as Signal<unknown>] as [string, AlertKind, Signal<unknown>]),
);

describe('alert catalogue', () => {
  test('has unique ids, each the key it is stored under', () => {
    expect(new Set(ALERT_KIND_IDS).size).toBe(ALERT_KIND_IDS.length);
    for (const id of ALERT_KIND_IDS) expect(ALERT_KINDS[id].id).toBe(id);
  });

  test('has every one of the 22 kinds of ALERTS.md, with its severity', () => {
    const ids: readonly string[] = ALERT_KIND_IDS;
    expect(Object.keys(ALERTS_MD).filter((id) => !ids.includes(id))).toEqual([]);
    const severities: Record<string, string> = Object.fromEntries(ALERT_KIND_IDS.map((id) => [id, ALERT_KINDS[id].severity]));
    expect(Object.fromEntries(Object.keys(ALERTS_MD).map((id) => [id, severities[id]]))).toEqual(ALERTS_MD);
  });

  test('every kind has at least one signal and a runbook reference', () => {
    for (const id of ALERT_KIND_IDS) {
      expect({ id, signals: Object.keys(ALERT_KINDS[id].signals).length > 0 }).toEqual({ id, signals: true });
      expect(ALERT_KINDS[id].runbook.refs.length).toBeGreaterThan(0);
    }
  });

  test.each(SIGNALS)('%s: remediation candidates exist and share one family (an empty list escalates)', (_, __, signal) => {
    const lists: Array<readonly RemediationId[]> = [signal.remediation, ...Object.values(signal.backendRemediation ?? {})];
    for (const list of lists) {
      for (const r of list) expect(Object.keys(REMEDIATIONS)).toContain(r);
      const families = new Set(list.map((r) => REMEDIATIONS[r].family));
      expect(families.size).toBeLessThanOrEqual(1);
    }
  });

  test.each(SIGNALS)('%s: default threshold within the kind’s range, sane periods', (_, kind, signal) => {
    expect(signal.threshold).toBeGreaterThanOrEqual(kind.thresholdRange.min);
    expect(signal.threshold).toBeLessThanOrEqual(kind.thresholdRange.max);
    expect(signal.datapointsToAlarm).toBeLessThanOrEqual(signal.evaluationPeriods);
    expect(signal.periodSeconds % 60 === 0 || [10, 30].includes(signal.periodSeconds)).toBe(true);
  });

  test.each(SIGNALS)('%s: metric ids are lowercase identifiers; several metrics need an expression', (_, __, signal) => {
    const ids = Object.keys(signal.metrics);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z0-9_]*$/);
    for (const id of ids) expect(id).toBe(id.toLowerCase());
    if (ids.length > 1) expect(signal.expression).toBeDefined();
  });

  test('every remediation is used by some signal', () => {
    const used = new Set(SIGNALS.flatMap(([, , s]) => [...s.remediation, ...Object.values(s.backendRemediation ?? {}).flat()]));
    expect([...used].sort()).toEqual(Object.keys(REMEDIATIONS).sort());
  });

  test('severity topics are the runbook names', () => {
    expect(Object.keys(SEVERITIES)).toEqual(['P0', 'P1', 'P2']);
    expect(['P0', 'P1', 'P2'].map((s) => severityTopicName('telehealth', s as 'P0'))).toEqual(['telehealth-critical-alerts', 'telehealth-high-alerts', 'telehealth-medium-alerts']);
    expect(escalationTopicName('telehealth')).toBe('telehealth-escalations');
  });
});

describe('alarm names', () => {
  test.each(ALERT_KIND_IDS)('%s: parseAlarmName reads back what alarmName wrote, also for hyphenated system ids and keys', (kind) => {
    for (const system of ['rung', 'ai-lifestyle-app', 'telehealth-crm', 'a1-b2-c3']) {
      for (const resourceKey of ['x', 'create_goal-prod', 'hlekkr-prod-media-upload', 'E1234567890', 'api.v2-down']) {
        const parts = { prefix: 'ar-prod', system, kind, resourceKey };
        expect(parseAlarmName(alarmName(parts), 'ar-prod')).toEqual(parts);
      }
    }
  });

  test('parseAlarmName rejects names of another deployment or of no kind', () => {
    expect(parseAlarmName('other-rung-high-latency-x', 'ar')).toBeUndefined();
    expect(parseAlarmName('ar-rung-responder-lambda-errors', 'ar')).toBeUndefined();
  });

  test('names and descriptions of the default configuration fit CloudWatch’s limits', () => {
    const plan = planDeployment(loadConfig(DEFAULT_CONFIG_PATH));
    const alarms = plan.systems.flatMap((s) => s.alarms);
    expect(alarms.length).toBeGreaterThan(0);
    for (const a of alarms) {
      expect(a.name.length).toBeLessThanOrEqual(MAX_ALARM_NAME_LENGTH);
      expect(a.description.length).toBeLessThanOrEqual(1024);
      expect(parseAlarmName(a.name, plan.config.prefix)).toEqual({ prefix: plan.config.prefix, system: a.system, kind: a.kind.id, resourceKey: a.target.key });
    }
  });
});
