import { recordKeyAlias, remediationLogGroupName, stateTableName, verifyQueueName, type ResponderFamily, type Target } from '../../lib/catalogue';
import type { DeploymentConfig } from '../../lib/config/schema';
import { plannedKinds, systemAutonomy, systemCaps, systemMaintenance, type DeploymentPlan, type PlannedResponder } from '../../lib/deployment';
import type { ResponderSettings } from '../runtime/settings';

function flatten(targets: readonly Target[]): Map<string, Target> {
  const map = new Map<string, Target>();
  const visit = (t: Target) => {
    if (map.has(t.key)) return;
    map.set(t.key, t);
    t.backends?.forEach(visit);
  };
  targets.forEach(visit);
  return map;
}

/** The responder that owns an alarm name in this deployment, if any. */
export function responderForAlarm(plan: DeploymentPlan, alarmName: string): { responder: PlannedResponder; config: DeploymentConfig } | undefined {
  for (const system of plan.systems) {
    for (const responder of system.responders) {
      if (responder.alarms.some((a) => a.name === alarmName)) return { responder, config: plan.config };
    }
  }
  return undefined;
}

/**
 * The settings a deployed responder reads from its environment, rebuilt from the configuration
 * for a local dry run. Nothing is published in a dry run, so the escalation ARN is descriptive.
 */
export function settingsFromPlan(plan: DeploymentPlan, responder: PlannedResponder, account: string): ResponderSettings {
  const config = plan.config;
  const system = plan.systems.find((s) => s.id === responder.system);
  if (!system) throw new Error(`system ${responder.system} is not in the plan`);
  return {
    prefix: config.prefix,
    system: responder.system,
    family: responder.family as ResponderFamily,
    caps: systemCaps(config, system.config),
    targets: flatten(responder.targets),
    plannedKinds: new Map([...plannedKinds(responder.alarms)].map(([key, kinds]) => [key, new Set(kinds)])),
    guardrails: config.guardrails,
    autonomy: { ...config.autonomy, system: systemAutonomy(config, system.config, responder.family as ResponderFamily) },
    remediationLogGroup: remediationLogGroupName(config.prefix),
    escalationTopicArn: `arn:aws:sns:${config.region}:${account}:${config.prefix}-escalations`,
    allowedRegions: [...new Set([config.region, 'us-east-1'])],
    modeParameter: `/${config.prefix}/mode`,
    // A dry run never applies, so nothing is ever scheduled here.
    verifyQueueUrl: `https://sqs.${config.region}.amazonaws.com/${account}/${verifyQueueName(config.prefix)}`,
    stateTable: stateTableName(config.prefix),
    logLines: config.escalation.logLines,
    context: config.context,
    // A local dry run writes no record to the log, and people hold no GenerateMac: it signs nothing.
    recordKey: recordKeyAlias(config.prefix),
    // The dry run shows a window open now, as the deployed responder would.
    maintenance: systemMaintenance(config, system.config),
  };
}
