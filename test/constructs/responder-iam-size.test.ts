import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { IAM_POLICY_LIMITS, documentSize, renderWithAllowances } from '../../lib/constructs/private/policy-size';
import { responderPolicy } from '../../lib/constructs/private/responder-iam';
import { POLICY_BUDGETS, layoutPolicies } from '../../lib/constructs/private/responder-policies';
import { IAM_LIMITS, iamLimitProblems, largestPolicies, policySize, rolePolicies } from '../helpers/iam-policies';
import { findings } from '../helpers/nag';
import { synthesize } from '../helpers/synth';
import { buildPlanStack, lambdaSystemPlan, render, type PlanStack } from './responder-test-stack';

type Json = unknown;
const asArray = (v: Json): Json[] => (Array.isArray(v) ? v : [v]);

/** `action resource` for every pair a policy document grants, resources rendered as in the other IAM tests. */
function pairs(document: Json): string[] {
  const statements = asArray((document as { Statement: Json }).Statement) as Array<{ Action: Json; Resource: Json }>;
  return statements.flatMap((s) => asArray(s.Action).flatMap((a) => asArray(s.Resource).map((r) => `${String(a)} ${render(r)}`)));
}

describe('the size of the policies of a responder role', () => {
  test('the limits the app packs to are IAM’s, with margins', () => {
    expect(IAM_POLICY_LIMITS).toEqual(IAM_LIMITS);
    expect(POLICY_BUDGETS.inline).toBeLessThan(IAM_LIMITS.inlinePerRole - 1000);
    expect(POLICY_BUDGETS.managed).toBeLessThan(IAM_LIMITS.managedPolicy);
  });

  test('counts a policy as IAM does: no whitespace, the partition at its longest, other tokens at 256', () => {
    const stack = new Stack(new App(), 'S', { env: { account: '123456789012', region: 'us-east-1' } });
    const arn = stack.formatArn({ service: 'sqs', resource: 'q' });
    expect(renderWithAllowances(stack.resolve(arn))).toBe(`arn:${'x'.repeat('aws-us-gov'.length)}:sqs:us-east-1:123456789012:q`);
    expect(renderWithAllowances({ 'Fn::GetAtt': ['Queue', 'Arn'] })).toBe('x'.repeat(256));
    const statement = new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [arn, 'arn:aws:sqs:us-east-1:123456789012:other'] });
    const rendered = { Version: '2012-10-17', Statement: [{ Action: 'sqs:SendMessage', Effect: 'Allow', Resource: [renderWithAllowances(stack.resolve(arn)), statement.resources[1]] }] };
    expect(documentSize([statement], stack)).toBe(JSON.stringify(rendered).length);
  });

  test('spreads statements without dropping or widening a pair: resources of one statement split across policies', () => {
    const stack = new Stack(new App(), 'S', { env: { account: '123456789012', region: 'us-east-1' } });
    const resources = Array.from({ length: 300 }, (_, i) => `arn:aws:lambda:us-east-1:123456789012:function:fn-${i}`);
    const statements = [new iam.PolicyStatement({ actions: ['lambda:GetAlias', 'lambda:UpdateAlias'], resources }), new iam.PolicyStatement({ actions: ['cloudwatch:GetMetricData'], resources: ['*'] })];
    const layout = layoutPolicies(statements, stack);
    expect(layout.managed.length).toBeGreaterThan(1);
    expect(documentSize(layout.inline, stack)).toBeLessThanOrEqual(POLICY_BUDGETS.inline);
    for (const doc of layout.managed) expect(documentSize(doc, stack)).toBeLessThanOrEqual(POLICY_BUDGETS.managed);
    const granted = (s: readonly iam.PolicyStatement[]) => s.flatMap((x) => x.actions.flatMap((a) => x.resources.map((r) => `${a} ${r}`)));
    const spread = [layout.inline, ...layout.managed].flatMap(granted);
    expect(spread.sort()).toEqual(granted(statements).sort());
  });
});

describe('the roles of the default configuration', () => {
  test('use only their inline policies, within IAM’s limits', () => {
    // The whole app, not a test stack: its ARNs carry the account as a token, its shared resources as imports.
    const { templates } = synthesize(undefined, { validateTemplates: false });
    for (const template of templates.values()) {
      // The one managed policy is verify-records', for people: no role of the app holds it.
      const managed = Object.values(template.findResources('AWS::IAM::ManagedPolicy')) as Array<{ Properties: { ManagedPolicyName?: string; Roles?: unknown } }>;
      expect(managed.map((m) => [m.Properties.ManagedPolicyName, m.Properties.Roles])).toEqual(managed.length === 0 ? [] : [['ar-verify-records', undefined]]);
      expect(iamLimitProblems(template)).toEqual([]);
    }
    const largest = largestPolicies(templates.values());
    expect(largest.inline).toBeLessThan(POLICY_BUDGETS.inline);
    console.log(`default configuration: largest inline policy ${largest.inline} characters`);
  });
});

describe('a system of 60 Lambda functions', () => {
  let t: PlanStack;
  const plan = lambdaSystemPlan(60);
  beforeAll(() => {
    t = buildPlanStack(plan);
  });
  const roleOfLambdaResponder = () => {
    const [role] = rolePolicies(t.template).filter((r) => r.roleId.startsWith('biglambdaResponderRole'));
    if (!role) throw new Error('no role of the big lambda responder');
    return role;
  };

  test('needs more than one inline policy can hold', () => {
    const [responder] = plan.systems[0].responders.filter((r) => r.family === 'lambda');
    const statements = responderPolicy({ responder, ...t.policyInput }).statements;
    expect(documentSize(statements, t.stack)).toBeGreaterThan(IAM_LIMITS.inlinePerRole);
  });

  test('synthesizes with its inline policy and every managed policy under IAM’s limits', () => {
    const role = roleOfLambdaResponder();
    expect(role.managed.length).toBeGreaterThan(0);
    expect(role.attachedManaged).toBe(role.managed.length);
    expect(role.attachedManaged).toBeLessThanOrEqual(IAM_LIMITS.managedPoliciesPerRole);
    expect(role.inline.reduce<number>((n, d) => n + policySize(d), 0)).toBeLessThanOrEqual(IAM_LIMITS.inlinePerRole);
    for (const m of role.managed) expect(policySize(m.document)).toBeLessThanOrEqual(IAM_LIMITS.managedPolicy);
    expect(iamLimitProblems(t.template)).toEqual([]);
    // Only the app's own policies: CDK did not split the inline policy into overflow policies of its own.
    expect(Object.keys(t.template.findResources('AWS::IAM::ManagedPolicy')).every((id) => id.includes('Permissions'))).toBe(true);
  });

  test('grants exactly what one policy would: the same actions on the same resources', () => {
    const role = roleOfLambdaResponder();
    const expected = new Set(
      plan.systems[0].responders
        .filter((r) => r.family === 'lambda')
        .flatMap((responder) => responderPolicy({ responder, ...t.policyInput }).statements)
        .flatMap((s) => pairs({ Statement: t.stack.resolve(s.toStatementJson()) })),
    );
    const inline = role.inline.flatMap(pairs);
    const managed = role.managed.flatMap((m) => pairs(m.document));
    // Signing records (GenerateMac on the record key) is granted with the catalogue's statements, so it may spill over too.
    const signing = [...inline, ...managed].filter((p) => /^kms:GenerateMac <RecordKey\w+\.Arn>$/.test(p));
    expect(signing).toHaveLength(1);
    signing.forEach((p) => expected.add(p));
    // Every pair once: no statement was duplicated into two policies.
    expect(managed.length).toBe(new Set(managed).size);
    expect(managed.filter((p) => !expected.has(p))).toEqual([]);
    const granted = new Set([...inline, ...managed]);
    expect([...expected].filter((p) => !granted.has(p))).toEqual([]);
    // Beyond the catalogue's pairs and signing, only what ResponderFunction grants every function: its own log group, tracing, the system's dead-letter queue.
    const extra = [...granted].filter((p) => !expected.has(p));
    expect(extra.sort()).toEqual([
      expect.stringMatching(/^logs:CreateLogStream <biglambdaResponderLogGroup\w+\.Arn>$/),
      expect.stringMatching(/^logs:PutLogEvents <biglambdaResponderLogGroup\w+\.Arn>$/),
      expect.stringMatching(/^sqs:SendMessage <bigDeadLetterQueue\w+\.Arn>$/),
      'xray:PutTelemetryRecords *',
      'xray:PutTraceSegments *',
    ]);
  });

  test('cdk-nag: the wildcard acknowledgments of the role cover its managed policies', () => {
    const iamFindings = findings(new AwsSolutionsChecks(), t.stack).filter((f) => /^AwsSolutions-IAM[45]/.test(f));
    expect(iamFindings).toEqual([]);
  });
});

describe('a system too large for ten managed policies', () => {
  test('fails at synth, naming the system, the family, its targets and what to do', () => {
    expect(() => buildPlanStack(lambdaSystemPlan(200))).toThrow(
      /System "big": the lambda responder's permissions on its 200 targets need 1\d customer managed policies besides its inline policy, over IAM's default quota of 10 per role\. Split the system/,
    );
  });
});
