import { RESPONDER_FAMILIES, isResponderFunctionName, responderFunctionName } from '../../../lib/catalogue';
import { responderFunctionName as constructsFunctionName } from '../../../lib/constructs/private/responder-names';
import { loopProtectionGuard, ownResource } from '../../../lambdas/guardrails/loop-protection-guard';
import { defaultPlan } from '../../helpers/responder-settings';
import { guardInput, target } from './fixtures';

const guard = loopProtectionGuard('ar-state');
const LONG_SYSTEM = 'a-very-long-system-id-of-forty-chars-one';

describe('loopProtectionGuard', () => {
  it.each([
    ['a responder function', target('lambda', 'ar-rung-lambda', { name: 'ar-rung-lambda' }), 'ar-rung-lambda:live'],
    ['a responder function by the ARN in the plan', target('lambda', 'alias-key', { name: 'alias-key' }), 'arn:aws:lambda:us-east-1:123456789012:function:ar-hlekkr-escalation:prod'],
    ['the state table', target('dynamodb', 'state', { name: 'ar-state' }), 'arn:aws:dynamodb:us-east-1:123456789012:table/ar-state'],
    ['a log group of the deployment', target('logGroup', 'own-logs', { logGroupName: '/alert-responder/ar/remediations', alert: 'auth-failures', sourceIpField: 'ip' }), 'own-logs'],
  ])('refuses to act on %s and escalates', async (_, resource, planned) => {
    const input = guardInput({ resource });
    const admission = await guard.admit({ ...input, plan: { ...input.plan, resource: planned } });
    expect(admission).toMatchObject({ ok: false, code: 'loop-protection', escalate: true, reason: expect.stringMatching(/^loop protection: .*; not acting on it$/) });
  });

  it.each([
    ['a system function', target('lambda', 'rung-api-prod', { name: 'rung-api-prod' })],
    ['a function of the prefix that is no responder', target('lambda', 'ar-rung-api', { name: 'ar-rung-api' })],
    ['a responder-like name of another prefix', target('lambda', 'other-rung-lambda', { name: 'other-rung-lambda' })],
    ['another table', target('dynamodb', 'users', { name: 'HealthHub-Users-Production' })],
    ['a system log group', target('logGroup', 'sec', { logGroupName: '/rung/security/prod', alert: 'security-violation', sourceIpField: 'ip' })],
  ])('admits %s', async (_, resource) => {
    expect((await guard.admit(guardInput({ resource }))).ok).toBe(true);
  });
});

describe('responderFunctionName', () => {
  it('is recognised when a long prefix and system make it cut and hashed', () => {
    const prefix = 'a-twenty-char-prefix';
    const name = responderFunctionName(prefix, LONG_SYSTEM, 'elastiCache');
    expect(name).toMatch(/-[0-9a-f]{8}$/);
    expect(isResponderFunctionName(name, prefix)).toBe(true);
    expect(ownResource(target('lambda', 'long', { name }), 'long', { prefix, stateTable: 'ar-state' })).toMatch(/one of this deployment's responders/);
  });

  it('names exactly as the CDK app does, long names included', () => {
    for (const system of ['rung', LONG_SYSTEM, `${LONG_SYSTEM}x`]) {
      for (const family of RESPONDER_FAMILIES) {
        expect(responderFunctionName('a-twenty-char-prefix', system, family)).toBe(constructsFunctionName('a-twenty-char-prefix', system, family));
      }
    }
  });

  it("recognises every responder of the default configuration as the deployment's own", () => {
    const plan = defaultPlan();
    const names = plan.systems.flatMap((s) => s.responders.map((r) => responderFunctionName(plan.config.prefix, r.system, r.family)));
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) expect(isResponderFunctionName(name, plan.config.prefix)).toBe(true);
  });
});
