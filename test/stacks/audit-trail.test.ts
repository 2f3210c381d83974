/**
 * Item 10 at template level: only the responders and the verifier can sign records, only the
 * responders can send to the verification queue, and whoever audits the records gets a policy of
 * exactly what verify-records needs.
 */
import type { Template } from 'aws-cdk-lib/assertions';
import { synthesize, type CfnResourceJson, type SynthesizedApp } from '../helpers/synth';

let synth: SynthesizedApp;
let core: Template;
/** The roles under an IAM path, as the template writes the pattern (the account is the deployment's). */
const rolesUnder = (path: string) => ({ 'Fn::Join': ['', ['arn:aws:iam::', { Ref: 'AWS::AccountId' }, `:role${path}*`]] });
const RESPONDERS = rolesUnder('/alert-responder/ar/responders/');
const VERIFIER = rolesUnder('/alert-responder/ar/verifier/');

beforeAll(() => {
  synth = synthesize(undefined, { validateTemplates: false });
  const template = synth.templates.get('ar-core');
  if (!template) throw new Error('no ar-core stack');
  core = template;
});

type Statement = { Effect: string; Action: string | string[]; Resource?: unknown; Condition?: unknown; Principal?: unknown };
const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const entries = (t: Template, type: string) => Object.entries(t.findResources(type)) as Array<[string, CfnResourceJson]>;
const only = <T>(list: readonly T[]): T => {
  expect(list).toHaveLength(1);
  return list[0] as T;
};

/** The logical id of the HMAC key in the core stack. */
const recordKeyId = (): string => only(entries(core, 'AWS::KMS::Key').filter(([, k]) => k.Properties?.KeySpec === 'HMAC_256'))[0];
/** How a system stack names the record key's ARN (an import of the core stack's export). */
const namesRecordKey = (resource: unknown) => JSON.stringify(resource).includes(recordKeyId());

/** Every role of the app with every statement its policies (inline and attached in the same stack) grant. */
function roles(): Array<{ stack: string; id: string; path?: unknown; statements: Statement[] }> {
  return [...synth.templates].flatMap(([stack, t]) =>
    entries(t, 'AWS::IAM::Role').map(([id, role]) => {
      const attached = [...entries(t, 'AWS::IAM::Policy'), ...entries(t, 'AWS::IAM::ManagedPolicy')].filter(([, p]) => JSON.stringify(p.Properties?.Roles ?? []).includes(`"${id}"`));
      const statements = attached.flatMap(([, p]) => (p.Properties?.PolicyDocument as { Statement: Statement[] }).Statement);
      return { stack, id, path: role.Properties?.Path, statements };
    }),
  );
}

describe('the record key', () => {
  test('is an HMAC_256 key for GENERATE_VERIFY_MAC, aliased by the prefix, kept when the stack goes', () => {
    const [, key] = only(entries(core, 'AWS::KMS::Key').filter(([, k]) => k.Properties?.KeySpec === 'HMAC_256'));
    expect(key).toMatchObject({ Properties: { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC', PendingWindowInDays: 30 }, DeletionPolicy: 'Retain' });
    core.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/ar-alert-responder-records', TargetKeyId: { 'Fn::GetAtt': [recordKeyId(), 'Arn'] } });
  });

  test('its key policy denies GenerateMac to every principal but the roles under the responders’ and the verifier’s paths', () => {
    const [, key] = only(entries(core, 'AWS::KMS::Key').filter(([, k]) => k.Properties?.KeySpec === 'HMAC_256'));
    const statements = (key.Properties?.KeyPolicy as { Statement: Statement[] }).Statement;
    expect(statements.filter((s) => s.Effect === 'Deny')).toEqual([
      {
        Sid: 'OnlyTheRespondersAndTheVerifierSign',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 'kms:GenerateMac',
        Resource: '*',
        Condition: { ArnNotLike: { 'aws:PrincipalArn': [RESPONDERS, VERIFIER] } },
      },
    ]);
  });

  test('every responder role and the verifier’s sit under those paths and may sign; no other role of the app holds GenerateMac', () => {
    const all = roles();
    const signers = all.filter((r) => r.statements.some((s) => s.Effect === 'Allow' && actionsOf(s).includes('kms:GenerateMac')));
    const responders = all.filter((r) => r.path === '/alert-responder/ar/responders/');
    const verifier = all.filter((r) => r.path === '/alert-responder/ar/verifier/');
    expect(responders.length).toBe(synth.plan.systems.reduce((n, s) => n + s.responders.length, 0));
    expect(verifier).toHaveLength(1);
    expect(signers.map((r) => r.id).sort()).toEqual([...responders, ...verifier].map((r) => r.id).sort());
    for (const r of signers) {
      const grant = only(r.statements.filter((s) => actionsOf(s).includes('kms:GenerateMac')));
      expect(actionsOf(grant)).toEqual(['kms:GenerateMac']);
      expect(namesRecordKey(grant.Resource)).toBe(true);
    }
  });

  test('the verify-records policy grants VerifyMac on the key and FilterLogEvents on the remediation log only, and no role of the app holds it', () => {
    const [, policy] = only(entries(core, 'AWS::IAM::ManagedPolicy'));
    expect(policy.Properties).toMatchObject({ ManagedPolicyName: 'ar-verify-records' });
    expect(policy.Properties?.Roles).toBeUndefined();
    const statements = (policy.Properties?.PolicyDocument as { Statement: Statement[] }).Statement;
    expect(statements).toEqual([
      { Effect: 'Allow', Action: 'kms:VerifyMac', Resource: { 'Fn::GetAtt': [recordKeyId(), 'Arn'] } },
      { Effect: 'Allow', Action: 'logs:FilterLogEvents', Resource: expect.anything() },
    ]);
    expect(JSON.stringify(statements[1]?.Resource)).toContain(':log-group:/alert-responder/ar/remediations:*');
  });
});

describe('the verification queue', () => {
  const queueId = (): string => only(entries(core, 'AWS::SQS::Queue').filter(([, q]) => q.Properties?.QueueName === 'ar-verify'))[0];
  const queueStatements = (): Statement[] => {
    const [, policy] = only(entries(core, 'AWS::SQS::QueuePolicy').filter(([, p]) => JSON.stringify(p.Properties?.Queues).includes(`"${queueId()}"`)));
    return (policy.Properties?.PolicyDocument as { Statement: Statement[] }).Statement;
  };

  test('refuses SendMessage to every principal but the roles under the responders’ path, and anything without TLS', () => {
    expect(queueStatements()).toEqual([
      {
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 'sqs:*',
        Resource: { 'Fn::GetAtt': [queueId(), 'Arn'] },
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
      {
        Sid: 'OnlyTheRespondersSend',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 'sqs:SendMessage',
        Resource: { 'Fn::GetAtt': [queueId(), 'Arn'] },
        Condition: { ArnNotLike: { 'aws:PrincipalArn': RESPONDERS } },
      },
    ]);
  });

  test('the verifier receives through its event source mapping with its own role (not a sender), and only responder roles may send', () => {
    core.hasResourceProperties('AWS::Lambda::EventSourceMapping', { EventSourceArn: { 'Fn::GetAtt': [queueId(), 'Arn'] } });
    const all = roles();
    const [verifier] = all.filter((r) => r.path === '/alert-responder/ar/verifier/');
    const receives = verifier?.statements.find((s) => actionsOf(s).includes('sqs:ReceiveMessage'));
    expect(receives?.Resource).toEqual({ 'Fn::GetAtt': [queueId(), 'Arn'] });
    const senders = all.filter((r) => r.statements.some((s) => actionsOf(s).includes('sqs:SendMessage') && JSON.stringify(s.Resource).includes(queueId())));
    expect(senders.length).toBeGreaterThan(0);
    for (const r of senders) expect(r.path).toBe('/alert-responder/ar/responders/');
  });
});

test('people hear of unsigned records: an alarm per system and one on the verifier, to the escalation topic', () => {
  const alarmNames = [...synth.templates.values()].flatMap((t) => entries(t, 'AWS::CloudWatch::Alarm').map(([, a]) => String(a.Properties?.AlarmName)));
  const expected = [...synth.plan.systems.filter((s) => s.responders.length > 0).map((s) => `ar-${s.id}-responder-unsigned-records`), 'ar-verifier-unsigned-records'];
  expect(alarmNames.filter((n) => n.endsWith('unsigned-records')).sort()).toEqual(expected.sort());
  core.hasResourceProperties('AWS::CloudWatch::Alarm', {
    AlarmName: 'ar-verifier-unsigned-records',
    MetricName: 'UnsignedRecords',
    Namespace: 'AlertResponder',
    Dimensions: [{ Name: 'service', Value: 'alert-responder-verifier' }],
  });
});
