import { loadConfig } from '../../lib/config/load';
import { parseConfig } from '../../lib/config/load';
import { planDeployment, type DeploymentPlan } from '../../lib/deployment';
import { responderForAlarm, settingsFromPlan } from '../../lambdas/cli/settings-from-config';
import type { ResponderSettings } from '../../lambdas/runtime/settings';
import type { DeploymentConfigInput } from '../../lib/config/schema';

export const ACCOUNT = '123456789012';

let cached: DeploymentPlan | undefined;

/** The plan of the default configuration (the five runbook systems). */
export function defaultPlan(): DeploymentPlan {
  cached ??= planDeployment(loadConfig('config/default.json'));
  return cached;
}

/** The settings of the responder that owns `alarmName`, as its environment would give them. */
export function settingsForAlarm(alarmName: string, plan: DeploymentPlan = defaultPlan()): ResponderSettings {
  const owner = responderForAlarm(plan, alarmName);
  if (!owner) throw new Error(`no responder owns ${alarmName}`);
  return settingsFromPlan(plan, owner.responder, ACCOUNT);
}

/** A plan from a configuration object (validated like a file). */
export function planOf(config: DeploymentConfigInput): DeploymentPlan {
  return planDeployment(parseConfig(config, 'test'));
}
