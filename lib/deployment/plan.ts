import { assertCatalogueIam } from '../catalogue/iam-reference';
import {
  ALERT_KINDS,
  ESCALATION,
  REMEDIATIONS,
  actsOnTargets,
  alarmName,
  remediationCandidates,
  responderFamily,
  unmetPreconditions,
  type AlertKind,
  type BackendType,
  type Signal,
  type Target,
} from '../catalogue';
import type { AlertOverride, DeploymentConfig, SystemConfig } from '../config/schema';
import { kindsOf, systemResources } from '../config/semantics';
import { planResponders } from './responders';
import { resolveTargets } from './targets';
import { assignTopicShards, separateUsEast1Topics, subscriptionsPerTopic } from './topic-shards';
import type { DeploymentPlan, PlannedAlarm, SystemPlan, WithheldAlarm } from './types';

/** CloudWatch's limit on alarm descriptions. */
const MAX_DESCRIPTION = 1024;

function describe(kind: AlertKind, target: Target, alarm: Omit<PlannedAlarm, 'description'>): string {
  const fix = alarm.remediation.length === 0 ? ESCALATION.summary : alarm.remediation.map((r) => REMEDIATIONS[r].summary).join('; or ');
  const text =
    `[${alarm.severity}] ${kind.title} on ${target.type} ${target.key} (${alarm.system}). ` +
    `Alarm: ${alarm.comparison} ${alarm.threshold} over ${alarm.evaluationPeriods} x ${alarm.periodSeconds}s. ` +
    `Automatic response: ${fix}. Runbook: ${kind.runbook.refs.join('; ')}. ` +
    `Steps: ${kind.runbook.steps.map((s, i) => `${i + 1}. ${s}`).join(' ')}`;
  return text.length > MAX_DESCRIPTION ? `${text.slice(0, MAX_DESCRIPTION - 3)}...` : text;
}

function planAlarm(
  config: DeploymentConfig,
  system: SystemConfig,
  kind: AlertKind,
  target: Target,
  override: AlertOverride,
): PlannedAlarm | undefined {
  if (override.disabled) return undefined;
  const signal = kind.signals[target.type] as Signal<unknown> | undefined;
  if (!signal) return undefined;
  const backendTypes = (target.backends ?? []).map((b) => b.type as BackendType);
  const remediation = remediationCandidates(kind, target.type, backendTypes);
  const [acting] = remediation;
  const actsOn = acting ? actsOnTargets(acting, target) : [];
  const evaluationPeriods = override.evaluationPeriods ?? signal.evaluationPeriods;
  const planned: Omit<PlannedAlarm, 'description'> = {
    name: alarmName({ prefix: config.prefix, system: system.id, kind: kind.id, resourceKey: target.key }),
    system: system.id,
    kind,
    severity: kind.severity,
    target,
    signal,
    threshold: override.threshold ?? signal.threshold,
    comparison: signal.comparison,
    periodSeconds: override.periodSeconds ?? signal.periodSeconds,
    evaluationPeriods,
    datapointsToAlarm: Math.min(override.datapointsToAlarm ?? signal.datapointsToAlarm, evaluationPeriods),
    treatMissingData: signal.treatMissingData,
    usEast1: signal.usEast1Only === true,
    remediation,
    family: responderFamily(remediation),
    actsOn,
  };
  return { ...planned, description: describe(kind, target, planned) };
}

/**
 * Derives everything the app deploys from a validated configuration: one alarm per
 * system × resource × applicable alert kind, and the responders that handle them.
 */
export function planDeployment(config: DeploymentConfig): DeploymentPlan {
  assertCatalogueIam();
  const unsharded = config.systems.map((system, s) => {
    const targets = resolveTargets(config, system, s);
    const byKey = new Map(targets.map((t) => [t.key, t]));
    const alarms: PlannedAlarm[] = [];
    const withheld: WithheldAlarm[] = [];
    for (const resource of systemResources(system, s)) {
      const target = byKey.get(resource.key);
      if (!target) continue;
      for (const kindId of kindsOf(resource)) {
        const override = { ...system.alerts?.[kindId], ...resource.raw.alerts?.[kindId] };
        const alarm = planAlarm(config, system, ALERT_KINDS[kindId], target, override);
        if (!alarm) continue;
        const unmet = unmetPreconditions(alarm.signal as Signal<Target['props']>, target.props);
        if (unmet.length === 0) alarms.push(alarm);
        else withheld.push({ name: alarm.name, kind: alarm.kind, target, reason: unmet.map((p) => `enable ${p.enable}`).join('; ') });
      }
    }
    return { id: system.id, config: system, targets, alarms, withheld, responders: planResponders(config, system, alarms) };
  });
  const separateEast = separateUsEast1Topics(config, unsharded.flatMap((s) => s.alarms));
  const shards = assignTopicShards(unsharded.map((s) => subscriptionsPerTopic(s.responders, separateEast)));
  const systems: SystemPlan[] = unsharded.map((s, i) => ({ ...s, topicShard: shards[i] }));
  return { config, systems, topicShards: Math.max(1, ...shards), separateUsEast1Topics: separateEast };
}
