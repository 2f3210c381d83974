import { Lazy } from 'aws-cdk-lib';
import { environmentSize, MAX_ENVIRONMENT_BYTES, TOKEN_SIZE_ALLOWANCE } from '../../lib/constructs/private/responder-env';
import { alarmNameFilterPolicy } from '../../lib/constructs/private/responder-filter';
import { mayGrantOnAnyResource } from '../../lib/constructs/private/responder-iam';
import { MAX_FUNCTION_NAME_LENGTH, responderFunctionName, selfAlarmName } from '../../lib/constructs/private/responder-names';
import { flattenForNag } from '../../lib/constructs/private/responder-nag';

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
    expect(selfAlarmName('ar', 'rung', 'delivery-dlq')).toBe('ar-rung-responder-delivery-dlq');
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

  test('only reads may go on "*"', () => {
    expect(mayGrantOnAnyResource('lambda:GetAccountSettings')).toBe(true);
    // Nothing runs Logs Insights queries any more: stopping one is no longer an exception.
    expect(mayGrantOnAnyResource('logs:StopQuery')).toBe(false);
    expect(mayGrantOnAnyResource('lambda:PutFunctionConcurrency')).toBe(false);
  });
});
