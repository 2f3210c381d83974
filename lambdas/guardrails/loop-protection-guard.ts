import { isResponderFunctionName, type Target } from '../../lib/catalogue';
import type { Guard } from './guard';

/** Every log group the deployment creates for itself lives under this path. */
export const OWN_LOG_GROUP_PATH = '/alert-responder/';

export interface OwnResources {
  readonly prefix: string;
  /** The guardrails' state table (also the idempotency store). */
  readonly stateTable: string;
  readonly remediationLogGroup?: string;
}

/** `arn:…:function:NAME[:QUALIFIER]`, `NAME:QUALIFIER` or `NAME` → NAME. */
function functionName(resource: string): string {
  const afterFunction = /:function:([^:]+)/.exec(resource);
  return afterFunction ? afterFunction[1] : (resource.split(':')[0] ?? resource);
}

/** `arn:…:table/NAME[/…]` or `NAME` → NAME. */
function tableName(resource: string): string {
  const afterTable = /:table\/([^/]+)/.exec(resource);
  return afterTable ? afterTable[1] : resource;
}

/** Why a resource is the responder's own, or undefined when it is not. Pure, for tests and tools. */
export function ownResource(target: Target, planned: string, own: OwnResources): string | undefined {
  if (target.type === 'lambda') {
    const name = [target.props.name, functionName(planned)].find((n) => isResponderFunctionName(n, own.prefix));
    if (name) return `Lambda function ${name} is one of this deployment's responders`;
  }
  if (target.type === 'dynamodb' && [target.props.name, tableName(planned)].includes(own.stateTable)) {
    return `DynamoDB table ${own.stateTable} holds the responders' own state`;
  }
  if (target.type === 'logGroup') {
    const name = target.props.logGroupName;
    if (name.startsWith(OWN_LOG_GROUP_PATH) || name === own.remediationLogGroup) return `log group ${name} is the responders' own`;
  }
  return undefined;
}

/**
 * Never act on the responder's own resources: a responder that raised its own concurrency,
 * switched its own state table or blocked addresses from its own logs could feed on its own
 * alarms in a loop, and a fix of itself is for people to make.
 */
export function loopProtectionGuard(stateTableName: string): Guard {
  return {
    async admit({ plan, resource, settings }) {
      const own = { prefix: settings.prefix, stateTable: stateTableName, remediationLogGroup: settings.remediationLogGroup };
      const why = ownResource(resource, plan.resource, own);
      if (why === undefined) return { ok: true, done: async () => undefined };
      return { ok: false, code: 'loop-protection', escalate: true, reason: `loop protection: ${why}; not acting on it` };
    },
  };
}
