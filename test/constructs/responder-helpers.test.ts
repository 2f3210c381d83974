import { App, Lazy, Stack } from 'aws-cdk-lib';
import { DEFAULT_CAPS, REMEDIATIONS, REMEDIATION_IDS, type Target, type TargetType } from '../../lib/catalogue';
import { actionService, targetArns } from '../../lib/constructs/private/responder-arns';
import { environmentSize, MAX_ENVIRONMENT_BYTES, TOKEN_SIZE_ALLOWANCE } from '../../lib/constructs/private/responder-env';
import { alarmNameFilterPolicy } from '../../lib/constructs/private/responder-filter';
import { mayGrantOnAnyResource } from '../../lib/constructs/private/responder-iam';
import { MAX_FUNCTION_NAME_LENGTH, responderFunctionName, selfAlarmName } from '../../lib/constructs/private/responder-names';
import { flattenForNag } from '../../lib/constructs/private/responder-nag';
import { render } from './responder-test-stack';

const stack = new Stack(new App(), 'Arns', { env: { account: '123456789012', region: 'eu-west-1' } });
const target = <T extends TargetType>(type: T, props: Target<T>['props'], key = 'k'): Target =>
  ({ type, key, system: 'sys', props, caps: DEFAULT_CAPS, guarded: [] }) as Target;
const arns = (t: Target, action: string) => targetArns(t, action, stack, 'eu-west-1').map((a) => render(stack.resolve(a)));

const SAMPLE_TARGETS: Partial<Record<TargetType, Target>> = {
  lambda: target('lambda', { name: 'fn', alias: 'live' }),
  dynamodb: target('dynamodb', { name: 'table' }),
  ecs: target('ecs', { cluster: 'c', service: 's' }),
  appRunner: target('appRunner', { name: 'svc1', serviceId: '0123456789abcdef0123456789abcdef' }),
  rds: target('rds', { instanceId: 'db1', maxConnections: 10 }),
  elastiCache: target('elastiCache', { clusterId: 'cache1' }),
  cloudFront: target('cloudFront', { distributionId: 'EDFDVBD6EXAMPLE' }),
  logGroup: target('logGroup', {
    logGroupName: '/app/auth',
    alert: 'auth-failures',
    sourceIpField: 'ip',
    wafIpSet: { name: 'block', id: 'id-1', scope: 'CLOUDFRONT' },
  }),
};

describe('targetArns', () => {
  test('every target-scoped action of every remediation maps to ARNs of the type it acts on', () => {
    for (const id of REMEDIATION_IDS) {
      const spec = REMEDIATIONS[id];
      const t = SAMPLE_TARGETS[spec.acts];
      expect(t).toBeDefined();
      for (const p of spec.permissions.filter((x) => x.on === 'target')) {
        for (const action of p.actions) {
          const out = arns(t as Target, action);
          expect(out.length).toBeGreaterThan(0);
          for (const a of out) expect(a.startsWith(`arn:aws:${actionService(action)}:`)).toBe(true);
        }
      }
    }
  });

  test('scopes each type to its own resource', () => {
    expect(arns(SAMPLE_TARGETS.lambda as Target, 'lambda:GetAlias')).toEqual([
      'arn:aws:lambda:eu-west-1:123456789012:function:fn',
      'arn:aws:lambda:eu-west-1:123456789012:function:fn:*',
    ]);
    expect(arns(SAMPLE_TARGETS.rds as Target, 'rds:RebootDBInstance')).toEqual(['arn:aws:rds:eu-west-1:123456789012:db:db1']);
    expect(arns(SAMPLE_TARGETS.cloudFront as Target, 'cloudfront:CreateInvalidation')).toEqual([
      'arn:aws:cloudfront::123456789012:distribution/EDFDVBD6EXAMPLE',
    ]);
    expect(arns(SAMPLE_TARGETS.logGroup as Target, 'logs:StartQuery')).toEqual([
      'arn:aws:logs:eu-west-1:123456789012:log-group:/app/auth',
      'arn:aws:logs:eu-west-1:123456789012:log-group:/app/auth:*',
    ]);
  });

  test('CLOUDFRONT-scoped IP sets are global ones in us-east-1; a log group without an IP set blocks nothing', () => {
    expect(arns(SAMPLE_TARGETS.logGroup as Target, 'wafv2:UpdateIPSet')).toEqual(['arn:aws:wafv2:us-east-1:123456789012:global/ipset/block/id-1']);
    const noIpSet = target('logGroup', { logGroupName: '/x', alert: 'auth-failures', sourceIpField: 'ip' });
    expect(arns(noIpSet, 'wafv2:UpdateIPSet')).toEqual([]);
  });

  test('is deterministic, so statements on the same resources merge', () => {
    const t = SAMPLE_TARGETS.dynamodb as Target;
    expect(targetArns(t, 'dynamodb:UpdateTable', stack, 'eu-west-1')).toEqual(targetArns(t, 'dynamodb:DescribeTable', stack, 'eu-west-1'));
  });

  test('fails when an action has no mapping for the target type', () => {
    expect(() => targetArns(SAMPLE_TARGETS.rds as Target, 'dynamodb:UpdateTable', stack, 'eu-west-1')).toThrow(/No IAM resource mapping for dynamodb:UpdateTable on rds target/);
  });
});

describe('names', () => {
  test('function names stay within 64 characters and stay distinct', () => {
    expect(responderFunctionName('ar', 'rung', 'lambda')).toBe('ar-rung-lambda');
    const a = responderFunctionName('a-twenty-char-prefix', 'a-very-long-system-id-of-forty-chars-one', 'elastiCache');
    const b = responderFunctionName('a-twenty-char-prefix', 'a-very-long-system-id-of-forty-chars-two', 'elastiCache');
    expect(a.length).toBeLessThanOrEqual(MAX_FUNCTION_NAME_LENGTH);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  test('self-monitoring alarm names', () => {
    expect(selfAlarmName('ar', 'rung', 'lambda', 'delivery-dlq')).toBe('ar-rung-responder-lambda-delivery-dlq');
  });
});

describe('filter policy', () => {
  test('exact names go to the allowlist, prefixes to prefix conditions', () => {
    const policy = alarmNameFilterPolicy(['ar-x-api-down-a', { prefix: 'ar-x-high-cpu-' }]);
    const filter = policy.AlarmName;
    expect(filter.isFilter() && filter.filterDoc.conditions).toEqual(['ar-x-api-down-a', { prefix: 'ar-x-high-cpu-' }]);
  });

  test('fails when there is nothing to filter on', () => {
    expect(() => alarmNameFilterPolicy([])).toThrow(/at least one alarm name or prefix/);
  });
});

describe('environment size', () => {
  test('measures the JSON Lambda measures, escaping included, tokens at their allowance', () => {
    expect(environmentSize({ A: 'b' })).toBe(JSON.stringify({ A: 'b' }).length);
    expect(environmentSize({ A: '"q"' })).toBe(JSON.stringify({ A: '"q"' }).length);
    const token = Lazy.string({ produce: () => 'resolved later' });
    expect(environmentSize({ A: token })).toBe(JSON.stringify({ A: '' }).length + TOKEN_SIZE_ALLOWANCE);
    expect(environmentSize({ A: `x${token}` })).toBe(JSON.stringify({ A: 'x' }).length + TOKEN_SIZE_ALLOWANCE);
    expect(MAX_ENVIRONMENT_BYTES).toBe(4096);
  });
});

describe('nag helpers', () => {
  test('flattens like cdk-nag names findings', () => {
    expect(flattenForNag({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':x:*']] })).toBe('arn:<AWS::Partition>:x:*');
    expect(flattenForNag({ 'Fn::GetAtt': ['Log', 'Arn'] })).toBe('<Log.Arn>');
  });

  test('only reads and StopQuery may go on "*"', () => {
    expect(mayGrantOnAnyResource('lambda:GetAccountSettings')).toBe(true);
    expect(mayGrantOnAnyResource('logs:StopQuery')).toBe(true);
    expect(mayGrantOnAnyResource('lambda:PutFunctionConcurrency')).toBe(false);
  });
});
