import { Match } from 'aws-cdk-lib/assertions';
import { responderFunctionName } from '../../lib/constructs/private/responder-names';
import { findings } from '../helpers/nag';
import { NAG_PACKS } from '../helpers/nag';
import { planOf } from '../helpers/responder-settings';
import { ACCOUNT, buildResponderStack, type ResponderTestStack } from './responder-test-stack';

const APPROVER = `arn:aws:iam::${ACCOUNT}:role/oncall/ar-approver`;
const OTHER = `arn:aws:iam::${ACCOUNT}:role/storage-oncall`;

let t: ResponderTestStack;

beforeAll(() => {
  t = buildResponderStack(
    planOf({
      prefix: 'ar',
      approvals: { approvers: [APPROVER], expiresMinutes: 20 },
      systems: [
        { id: 'rung', resources: { lambda: [{ name: 'rung-api' }], logGroup: [{ id: 'security', logGroupName: '/rung/security', alert: 'security-violation' }] } },
        { id: 'store', approvals: { approvers: [OTHER] }, resources: { dynamodb: [{ name: 'orders' }] } },
      ],
    }),
  );
});

const functionId = (system: string, family: 'lambda' | 'dynamodb' | 'escalation') =>
  Object.keys(t.template.findResources('AWS::Lambda::Function', { Properties: { FunctionName: responderFunctionName('ar', system, family) } }))[0];
const fnArn = (system: string, family: 'lambda' | 'dynamodb' | 'escalation') => ({ 'Fn::GetAtt': [functionId(system, family), 'Arn'] });

describe('approval entry', () => {
  test('each responder with approvers has an AWS_IAM function URL', () => {
    for (const [system, family] of [['rung', 'lambda'], ['store', 'dynamodb']] as const) {
      t.template.hasResourceProperties('AWS::Lambda::Url', { AuthType: 'AWS_IAM', TargetFunctionArn: fnArn(system, family) });
    }
    // The CLI's --url: one stack output per URL.
    expect(Object.keys(t.template.findOutputs('*')).filter((id) => id.includes('ApprovalUrl'))).toHaveLength(2);
  });

  test("the resource policy admits exactly the configured approvers, through the URL only (the system's approvers win)", () => {
    const permissions = Object.values(t.template.findResources('AWS::Lambda::Permission', { Properties: { Action: Match.stringLikeRegexp('^lambda:InvokeFunction') } }));
    const url = permissions.map((p) => p.Properties as Record<string, unknown>).filter((p) => p.FunctionUrlAuthType !== undefined || p.InvokedViaFunctionUrl !== undefined);
    expect(url.map((p) => [p.Action, p.Principal, p.FunctionUrlAuthType ?? null, p.InvokedViaFunctionUrl ?? null, p.FunctionName]).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual(
      [
        ['lambda:InvokeFunction', APPROVER, null, true, fnArn('rung', 'lambda')],
        ['lambda:InvokeFunction', OTHER, null, true, fnArn('store', 'dynamodb')],
        ['lambda:InvokeFunctionUrl', APPROVER, 'AWS_IAM', null, fnArn('rung', 'lambda')],
        ['lambda:InvokeFunctionUrl', OTHER, 'AWS_IAM', null, fnArn('store', 'dynamodb')],
      ].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    );
    // Nobody else: no other principal may invoke a responder directly.
    const others = permissions.map((p) => p.Properties as Record<string, unknown>).filter((p) => p.Principal !== 'sns.amazonaws.com' && !url.includes(p));
    expect(others).toEqual([]);
  });

  test('the responder is told its approvers and expiry (the handler checks the caller too)', () => {
    const [fn] = Object.values(t.template.findResources('AWS::Lambda::Function', { Properties: { FunctionName: responderFunctionName('ar', 'store', 'dynamodb') } }));
    const env = (fn.Properties as { Environment: { Variables: Record<string, string> } }).Environment.Variables;
    expect(JSON.parse(env.AR_APPROVALS ?? 'null')).toEqual({ approvers: [OTHER], expiresMinutes: 20 });
  });

  test('a responder with nothing to propose (the escalation family) gets no URL', () => {
    const escalation = functionId('rung', 'escalation');
    expect(escalation).toBeDefined();
    expect(Object.values(t.template.findResources('AWS::Lambda::Url')).map((u) => (u.Properties as { TargetFunctionArn: unknown }).TargetFunctionArn)).not.toContainEqual(fnArn('rung', 'escalation'));
  });

  test('no approvers, no function URL', () => {
    const plain = buildResponderStack(planOf({ prefix: 'ar', systems: [{ id: 'rung', resources: { lambda: [{ name: 'rung-api' }] } }] }));
    plain.template.resourceCountIs('AWS::Lambda::Url', 0);
  });

  test.each(NAG_PACKS)("%s finds nothing unacknowledged in the responders (the test stack's own log group and table aside)", (_, pack) => {
    expect(findings(pack(), t.stack).filter((f) => f.includes('/Responders-'))).toEqual([]);
  });
});
