import { App, Stack } from 'aws-cdk-lib';
import { DEFAULT_CAPS, REMEDIATIONS, REMEDIATION_IDS, RESOURCE_TYPES, parseTarget, type RemediationId, type ResourceType, type Target, type TargetType } from '../../lib/catalogue';
import { actionService, targetArns, targetTypeOf, wildcardReason } from '../../lib/constructs/private/responder-arns';
import { flattenForNag } from '../../lib/constructs/private/responder-nag';
import { isReadOnly, responderPolicy } from '../../lib/constructs/private/responder-iam';
import type { PlannedResponder } from '../../lib/deployment';
import { render } from './responder-test-stack';

const stack = new Stack(new App(), 'Arns', { env: { account: '123456789012', region: 'eu-west-1' } });
const target = (type: TargetType, props: unknown, key = 'k'): Target => parseTarget(type, props, { key, system: 'sys', caps: DEFAULT_CAPS, guarded: [] });
const arns = (t: Target, action: string, on: ResourceType) => targetArns(t, action, on, stack, 'eu-west-1').map((a) => render(stack.resolve(a)));

const SAMPLE_TARGETS: Partial<Record<TargetType, Target>> = {
  lambda: target('lambda', { name: 'fn', alias: 'live' }),
  dynamodb: target('dynamodb', { name: 'table' }),
  ecs: target('ecs', { cluster: 'c', service: 's', containerInsights: false }),
  appRunner: target('appRunner', { name: 'svc1', serviceId: '0123456789abcdef0123456789abcdef', autoScalingConfiguration: 'svc1-scaling' }),
  rds: target('rds', { instanceId: 'db1', maxConnections: 10 }),
  elastiCache: target('elastiCache', { clusterId: 'cache1' }),
  cloudFront: target('cloudFront', { distributionId: 'EDFDVBD6EXAMPLE' }),
  logGroup: target('logGroup', { logGroupName: '/app/auth', alert: 'auth-failures', sourceIpField: 'ip', wafIpSet: { name: 'block', id: 'id-1', scope: 'CLOUDFRONT' } }),
};

const sample = (type: TargetType): Target => {
  const t = SAMPLE_TARGETS[type];
  if (!t) throw new Error(`no sample ${type} target`);
  return t;
};

describe('targetArns', () => {
  test('every scoped action of every remediation maps to ARNs of its service on the target it acts on', () => {
    for (const id of REMEDIATION_IDS) {
      const spec = REMEDIATIONS[id];
      for (const { actions, on } of spec.permissions) {
        if (on === '*') continue;
        for (const action of actions) {
          const out = arns(sample(spec.acts), action, on);
          expect(out.length).toBeGreaterThan(0);
          for (const a of out) expect(a.startsWith(`arn:aws:${actionService(action)}:`)).toBe(true);
        }
      }
    }
  });

  test('scopes each resource type to its own ARNs', () => {
    // Function-level calls: the unqualified ARN only; qualified calls: exactly the configured alias.
    expect(arns(sample('lambda'), 'lambda:UpdateAlias', 'lambda:function')).toEqual(['arn:aws:lambda:eu-west-1:123456789012:function:fn']);
    expect(arns(sample('lambda'), 'lambda:PutProvisionedConcurrencyConfig', 'lambda:function alias')).toEqual([
      'arn:aws:lambda:eu-west-1:123456789012:function:fn:live',
    ]);
    expect(arns(target('lambda', { name: 'plain' }), 'lambda:PutProvisionedConcurrencyConfig', 'lambda:function alias')).toEqual([]);
    expect(arns(sample('ecs'), 'ecs:UpdateService', 'ecs:service')).toEqual(['arn:aws:ecs:eu-west-1:123456789012:service/c/s']);
    expect(arns(sample('ecs'), 'ecs:StopTask', 'ecs:task')).toEqual(['arn:aws:ecs:eu-west-1:123456789012:task/c/*']);
    expect(arns(sample('rds'), 'rds:RebootDBInstance', 'rds:db')).toEqual(['arn:aws:rds:eu-west-1:123456789012:db:db1']);
    expect(arns(sample('cloudFront'), 'cloudfront:CreateInvalidation', 'cloudfront:distribution')).toEqual([
      'arn:aws:cloudfront::123456789012:distribution/EDFDVBD6EXAMPLE',
    ]);
    expect(arns(sample('logGroup'), 'logs:FilterLogEvents', 'logs:log-group')).toEqual([
      'arn:aws:logs:eu-west-1:123456789012:log-group:/app/auth',
      'arn:aws:logs:eu-west-1:123456789012:log-group:/app/auth:*',
    ]);
  });

  test('CLOUDFRONT-scoped IP sets are global ones in us-east-1; a log group without an IP set blocks nothing', () => {
    expect(arns(sample('logGroup'), 'wafv2:UpdateIPSet', 'wafv2:ipset')).toEqual(['arn:aws:wafv2:us-east-1:123456789012:global/ipset/block/id-1']);
    const noIpSet = target('logGroup', { logGroupName: '/x', alert: 'auth-failures', sourceIpField: 'ip' });
    expect(arns(noIpSet, 'wafv2:UpdateIPSet', 'wafv2:ipset')).toEqual([]);
  });

  test('is deterministic, so statements on the same resources merge', () => {
    const t = sample('dynamodb');
    expect(targetArns(t, 'dynamodb:UpdateTable', 'dynamodb:table', stack, 'eu-west-1')).toEqual(targetArns(t, 'dynamodb:DescribeTable', 'dynamodb:table', stack, 'eu-west-1'));
  });

  test('fails, naming the action and the resource type, for a type the target does not name', () => {
    expect(() => targetArns(sample('rds'), 'dynamodb:UpdateTable', 'dynamodb:table', stack, 'eu-west-1')).toThrow(
      'No IAM resource mapping for dynamodb:UpdateTable on dynamodb:table (rds target "k" of system sys): dynamodb:table is derived from dynamodb targets only',
    );
  });

  test('states why each wildcard ARN of a resource type cannot be narrower, for the cdk-nag acknowledgment', () => {
    const wildcards = RESOURCE_TYPES.flatMap((on) =>
      targetArns(sample(targetTypeOf(on)), `${actionService(on)}:AnyAction`, on, stack, 'eu-west-1').map((a) => flattenForNag(stack.resolve(a))),
    ).filter((a) => a.includes('*'));
    // ECS tasks, App Runner configuration revisions, log streams, the stacks context reads look at: no Lambda ARN holds a wildcard.
    expect(wildcards.length).toBe(4);
    expect(wildcards.filter((a) => wildcardReason(a) === undefined)).toEqual([]);
    expect(wildcardReason('arn:<AWS::Partition>:ecs:eu-west-1:123456789012:task/c/*')).toMatch(/^Tasks of the configured service's cluster c: task ids are generated/);
    expect(wildcardReason('arn:aws:s3:::bucket/*')).toBeUndefined();
  });

  test('fails, naming the action, for a resource type of another service', () => {
    expect(() => targetArns(sample('ecs'), 'ecs:StopTask', 'dynamodb:table', stack, 'eu-west-1')).toThrow(
      'ecs:StopTask on dynamodb:table (ecs target "k" of system sys): dynamodb:table is a resource type of dynamodb, not of ecs',
    );
  });
});

describe('responderPolicy', () => {
  const policyInput = {
    stack,
    region: 'eu-west-1',
    prefix: 'ar',
    escalationTopicArn: 'arn:aws:sns:eu-west-1:123456789012:ar-escalations',
    topicKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/k',
    remediationLogGroupArn: 'arn:aws:logs:eu-west-1:123456789012:log-group:/alert-responder/ar/remediations',
    stateTableArn: 'arn:aws:dynamodb:eu-west-1:123456789012:table/ar-state',
    verifyQueueArn: 'arn:aws:sqs:eu-west-1:123456789012:ar-verify',
  };
  const responder = (remediation: RemediationId, targets: readonly Target[]): PlannedResponder => ({
    id: 'sys-ecs',
    system: 'sys',
    family: REMEDIATIONS[remediation].family,
    alarms: [],
    targets,
    grants: new Map([[remediation, targets]]),
    filter: [],
    diagnosticLogGroups: [],
  });

  test('fails synth, naming the action, when a remediation is granted on a target its resource type is not derived from', () => {
    expect(() => responderPolicy({ ...policyInput, responder: responder('scale-out-ecs-service', [sample('lambda')]) })).toThrow(
      /No IAM resource mapping for ecs:DescribeServices on ecs:service \(lambda target "k" of system sys\)/,
    );
  });

  test('grants a remediation its actions on the ARNs of their declared resource types, merging those on the same ARNs', () => {
    const { statements } = responderPolicy({ ...policyInput, responder: responder('raise-provisioned-concurrency', [sample('lambda')]) });
    const onAlias = statements.find((s) => s.actions.includes('lambda:PutProvisionedConcurrencyConfig'));
    expect(onAlias?.resources.map((r) => render(stack.resolve(r)))).toEqual(['arn:aws:lambda:eu-west-1:123456789012:function:fn:live']);
    expect(onAlias?.actions).toEqual(['lambda:DeleteProvisionedConcurrencyConfig', 'lambda:GetProvisionedConcurrencyConfig', 'lambda:PutProvisionedConcurrencyConfig']);
    const onFunction = statements.find((s) => s.actions.includes('lambda:GetAlias'));
    expect(onFunction?.resources.map((r) => render(stack.resolve(r)))).toEqual(['arn:aws:lambda:eu-west-1:123456789012:function:fn']);
    // With the context reads on the same function: its tags (the owning stack).
    expect(onFunction?.actions).toEqual(['lambda:GetAlias', 'lambda:GetFunctionConcurrency', 'lambda:ListTags']);
  });

  test('a target without an alias gets none of the grants that need one, and the rest of its remediation', () => {
    const plain = target('lambda', { name: 'plain' }, 'plain');
    const granted = (remediation: RemediationId) =>
      responderPolicy({ ...policyInput, responder: responder(remediation, [plain]) })
        .statements.flatMap((s) => s.actions.map((a) => `${a} ${s.resources.map((r) => render(stack.resolve(r))).join(',')}`))
        .filter((line) => line.startsWith('lambda:') && !line.startsWith('lambda:ListTags '));
    // Provisioned concurrency and rollback act through the alias only: nothing, not even GetAccountSettings
    // (nor the context read of the alias's traffic shift; only the function's tags, left out here).
    expect(granted('raise-provisioned-concurrency')).toEqual([]);
    expect(granted('rollback-lambda-alias')).toEqual([]);
    // Doubling memory acts on $LATEST without an alias: configuration only, no alias or publishing.
    expect(granted('double-lambda-memory').sort()).toEqual([
      'lambda:GetFunctionConfiguration arn:aws:lambda:eu-west-1:123456789012:function:plain',
      'lambda:UpdateFunctionConfiguration arn:aws:lambda:eu-west-1:123456789012:function:plain',
    ]);
  });

  test('no mutating action of any remediation is granted on a wildcard but the revisions of the configured App Runner auto-scaling configuration, which a create names by a generated id', () => {
    const mutatingOnWildcard = REMEDIATION_IDS.flatMap((id) => {
      const acts = REMEDIATIONS[id].acts;
      const { statements } = responderPolicy({ ...policyInput, responder: responder(id, [sample(acts)]) });
      return statements
        .filter((s) => s.resources.some((r) => render(stack.resolve(r)).includes('*')))
        .flatMap((s) => s.actions.filter((a) => !isReadOnly(a)).map((a) => `${a} ${s.resources.map((r) => render(stack.resolve(r))).join(',')}`));
    });
    expect(mutatingOnWildcard).toEqual(['apprunner:CreateAutoScalingConfiguration arn:aws:apprunner:eu-west-1:123456789012:autoscalingconfiguration/svc1-scaling/*']);
  });
});
