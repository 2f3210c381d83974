import { withCredentials } from '../runtime/clients/on-first-use';
import { assumeScoped, sessionNameOf } from '../runtime/scoped-credentials';
import type { ResponderSettings } from '../runtime/settings';
import { responderClientsApply, type ScopedApply } from './scoped-apply';
import { sessionPolicyFor, type ArnSettings } from './session-policy';

/** What the scoped apply needs of the responder's settings. */
export interface ScopedApplySettings {
  /** The responder's action role (AR_ACTION_ROLE_ARN): it holds the remediations' apply calls. */
  readonly actionRoleArn: string;
  /** Where the configuration says the resources are. */
  readonly region: string;
}

/** The action role's ARN is not `arn:<partition>:iam::<account>:role/...`. */
export class ActionRoleArnError extends Error {
  override readonly name = 'ActionRoleArnError';
}

/** The partition and account the resources' ARNs name: the action role's own (it acts in its account). */
export function arnSettingsOf(actionRoleArn: string, region: string): ArnSettings {
  const match = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/.+$/.exec(actionRoleArn);
  if (!match) throw new ActionRoleArnError(`AR_ACTION_ROLE_ARN must be an IAM role ARN (arn:<partition>:iam::<account>:role/...), got ${JSON.stringify(actionRoleArn)}`);
  const [, partition, account] = match;
  return { partition, account, region };
}

/**
 * The apply of an approved plan with credentials limited to that plan: assumes the action role
 * with a session policy allowing only the plan's apply calls on the resource's ARNs, the record
 * id as source identity and the approver in the session name, then runs the apply with clients
 * made for that session only (withCredentials), never the responder's shared ones.
 */
export function scopedApplyWith(settings: ScopedApplySettings): ScopedApply {
  const arns = arnSettingsOf(settings.actionRoleArn, settings.region);
  return async ({ plan, resource, recordId, approver, calls }, apply) => {
    const policy = sessionPolicyFor(plan, resource, arns);
    const credentials = await assumeScoped(calls, {
      roleArn: settings.actionRoleArn,
      policy: JSON.stringify(policy),
      sourceIdentity: recordId,
      sessionName: sessionNameOf(approver),
    });
    return withCredentials(credentials, apply);
  };
}

/**
 * The responder's scoped apply: through its action role where the deployment gave it one (every
 * responder that can apply), else with its own clients (the CLI, which never applies an approval).
 * The resources are in the deployment's region, the first of the allowed regions.
 */
export function scopedApplyOf(settings: Pick<ResponderSettings, 'actionRoleArn' | 'allowedRegions'>): ScopedApply {
  const region = settings.allowedRegions[0];
  if (settings.actionRoleArn === undefined || region === undefined) return responderClientsApply;
  return scopedApplyWith({ actionRoleArn: settings.actionRoleArn, region });
}
