import { join } from 'node:path';
import { App, Stack, Stage } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { loadConfig, parseConfig } from '../../lib/config/load';
import { ConfigError } from '../../lib/config/problems';
import { OPERATIONS_NAMES, planMultiAccount } from '../../lib/deployment';
import { createMultiAccountApp, type MultiAccountStacks } from '../../lib/stacks';
import { nagFindings } from '../helpers/nag';
import { TEST_CONTEXT } from '../helpers/synth';

const EXAMPLE = join(__dirname, '..', '..', 'config', 'examples', 'multi-account.json');
const MEMBERS = ['111111111111', '222222222222'];
const OPS = '999999999999';

let app: App;
let stacks: MultiAccountStacks;
const templates = new Map<Stack, Template>();
const template = (stack: Stack): Template => {
  const t = templates.get(stack) ?? Template.fromStack(stack);
  templates.set(stack, t);
  return t;
};
const memberStacks = () => stacks.stages.flatMap((s) => s.stacks.all);

beforeAll(() => {
  app = new App({ context: TEST_CONTEXT });
  stacks = createMultiAccountApp(app, planMultiAccount(loadConfig(EXAMPLE)));
  app.synth();
});

/** Every ARN-like string in a resolved value, with CloudFormation's partition written out. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') {
    const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
    if (join) return [join[1].map((p) => (typeof p === 'string' ? p : (p as { Ref?: string }).Ref === 'AWS::Partition' ? 'aws' : '<token>')).join(join[0])];
    return Object.values(value).flatMap(strings);
  }
  return [];
}

describe('config/examples/multi-account.json', () => {
  test('synthesizes a stage per member account and region, with its stacks there, and the operations stacks in the central account', () => {
    expect(stacks.stages.map((s) => [s.stage.stageName, s.stage.account, s.stage.region])).toEqual([
      ['shop-111111111111-eu-west-1', '111111111111', 'eu-west-1'],
      ['shop-222222222222-us-east-1', '222222222222', 'us-east-1'],
    ]);
    expect(stacks.stages.map((s) => s.stacks.all.map((st) => `${st.stackName}@${st.account}/${st.region}`))).toEqual([
      ['shop-core@111111111111/eu-west-1', 'shop-orders@111111111111/eu-west-1', 'shop-search@111111111111/eu-west-1'],
      ['shop-core@222222222222/us-east-1', 'shop-orders@222222222222/us-east-1'],
    ]);
    expect(Stage.of(stacks.operations)).toBe(app);
    expect([stacks.operations, ...stacks.destinations].map((s) => `${s.stackName}@${s.account}/${s.region}`)).toEqual([
      'shop-operations@999999999999/eu-west-1',
      'shop-operations-us-east-1@999999999999/us-east-1',
    ]);
  });

  test("the destinations allow exactly the member accounts of their region, and point at the operations stream", () => {
    const policies = [stacks.operations, ...stacks.destinations].map((s) => {
      const [destination] = Object.values(template(s).findResources('AWS::Logs::Destination')) as Array<{ Properties: Record<string, unknown> }>;
      return { stack: s.stackName, props: destination?.Properties ?? {} };
    });
    const principals = policies.map((p) => JSON.parse(String(p.props.DestinationPolicy)).Statement.map((st: { Principal: { AWS: string[] }; Action: string }) => [st.Action, st.Principal.AWS]));
    expect(principals).toEqual([[['logs:PutSubscriptionFilter', ['111111111111']]], [['logs:PutSubscriptionFilter', ['222222222222']]]]);
    expect(policies.map((p) => p.props.DestinationName)).toEqual(['shop-records', 'shop-records']);
    expect(strings(policies[1]?.props.TargetArn)).toEqual(['arn:aws:kinesis:eu-west-1:999999999999:stream/shop-records']);
  });

  test('every member sends its remediation log to the destination of its own region in the operations account', () => {
    const filters = stacks.stages.map((s) => {
      const [filter] = Object.values(template(s.stacks.core).findResources('AWS::Logs::SubscriptionFilter')) as Array<{ Properties: Record<string, unknown> }>;
      return [filter?.Properties.LogGroupName, filter?.Properties.FilterName, strings(filter?.Properties.DestinationArn)[0]];
    });
    expect(filters).toEqual([
      ['/alert-responder/shop/remediations', 'shop-records-eu-west-1', 'arn:aws:logs:eu-west-1:999999999999:destination:shop-records'],
      ['/alert-responder/shop/remediations', 'shop-records-us-east-1', 'arn:aws:logs:us-east-1:999999999999:destination:shop-records'],
    ]);
  });

  test('the central escalation topic is encrypted and only the member accounts may publish to it and use its key for it', () => {
    const ops = template(stacks.operations);
    ops.hasResourceProperties('AWS::SNS::Topic', { TopicName: OPERATIONS_NAMES.escalationTopic('shop'), KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] } });
    const topicPolicy = JSON.stringify(Object.values(ops.findResources('AWS::SNS::TopicPolicy')));
    const publishers = strings(JSON.parse(topicPolicy)).filter((s) => s.startsWith('arn:aws:iam::'));
    expect(new Set(publishers)).toEqual(new Set([...MEMBERS.map((a) => `arn:aws:iam::${a}:root`), ...MEMBERS.flatMap((a) => [`arn:aws:iam::${a}:role/alert-responder/shop/responders/*`, `arn:aws:iam::${a}:role/alert-responder/shop/verifier/*`])]));
    const keyPolicy = strings(Object.values(ops.findResources('AWS::KMS::Key'))).filter((s) => s.startsWith('arn:aws:iam::') && !s.includes(OPS));
    expect(new Set(keyPolicy)).toEqual(new Set([...MEMBERS.map((a) => `arn:aws:iam::${a}:root`), ...MEMBERS.flatMap((a) => [`arn:aws:iam::${a}:role/alert-responder/shop/responders/*`, `arn:aws:iam::${a}:role/alert-responder/shop/verifier/*`])]));
  });

  test("responders and verifiers publish escalations to the central topic, and touch no other account's ARN", () => {
    for (const { environment, stacks: member } of stacks.stages) {
      const functions = member.all.flatMap((s) => Object.values(template(s).findResources('AWS::Lambda::Function')) as Array<{ Properties: { Environment?: { Variables?: Record<string, unknown> } } }>);
      const escalating = functions.filter((f) => f.Properties.Environment?.Variables?.AR_ESCALATION_TOPIC_ARN !== undefined);
      expect(escalating.length).toBeGreaterThan(1);
      for (const f of escalating) {
        expect(strings(f.Properties.Environment?.Variables?.AR_CENTRAL_ESCALATION_TOPIC_ARN)).toEqual(['arn:aws:sns:eu-west-1:999999999999:shop-all-escalations']);
      }
      const policies = member.all.flatMap((s) => [...Object.values(template(s).findResources('AWS::IAM::Policy')), ...Object.values(template(s).findResources('AWS::IAM::ManagedPolicy'))]);
      const arns = strings(policies).filter((s) => s.startsWith('arn:'));
      const foreign = arns.filter((arn) => arn.split(':')[4] !== environment.account && arn.split(':')[4] !== '');
      // The only other account is the operations account, and only its escalation topic and the key SNS uses for it.
      expect(new Set(foreign)).toEqual(new Set(['arn:aws:sns:eu-west-1:999999999999:shop-all-escalations', 'arn:aws:kms:eu-west-1:999999999999:key/*']));
      expect(arns.some((arn) => MEMBERS.filter((m) => m !== environment.account).some((m) => arn.includes(m)))).toBe(false);
    }
  });

  test('the forwarder reads the stream and writes only the central records log group', () => {
    const ops = template(stacks.operations);
    ops.hasResourceProperties('AWS::Lambda::EventSourceMapping', { FunctionResponseTypes: ['ReportBatchItemFailures'], StartingPosition: 'TRIM_HORIZON' });
    ops.hasResourceProperties('AWS::Kinesis::Stream', { Name: 'shop-records', StreamEncryption: { EncryptionType: 'KMS' } });
    ops.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: { AR_RECORDS_LOG_GROUP: '/alert-responder/shop/all-accounts/remediations' } } });
  });

  test('passes the AwsSolutions and Serverless checks, every acknowledgment with its reason', () => {
    expect(nagFindings([stacks.operations, ...stacks.destinations, ...memberStacks()])).toEqual({});
  });
});

describe('multi-account configuration errors', () => {
  const base = () => ({
    prefix: 'shop',
    systems: [{ id: 'orders', resources: { dynamodb: [{ name: 'orders-prod' }] } }],
    operations: { account: OPS },
    environments: [{ account: '111111111111', region: 'eu-west-1' }],
  });
  const problems = (input: unknown): string => {
    try {
      parseConfig(input, 'test');
    } catch (err) {
      if (err instanceof ConfigError) return err.message;
      throw err;
    }
    throw new Error('expected a ConfigError');
  };

  test('fails when an account and region are named twice, naming both entries', () => {
    const config = { ...base(), environments: [{ account: '111111111111', region: 'eu-west-1' }, { account: '111111111111' }], region: 'eu-west-1' };
    expect(problems(config)).toContain('environments[1]: duplicate account and region, already used by environments[0] (received "111111111111/eu-west-1")');
  });

  test('fails when an account is not 12 digits, naming the field and the value', () => {
    const config = { ...base(), environments: [{ account: '12345', region: 'eu-west-1' }] };
    expect(problems(config)).toContain('environments[0].account: must be a 12-digit AWS account id (received "12345")');
  });

  test('fails when the operations account is missing, or an environment names an unknown system', () => {
    const { operations: _operations, ...withoutOps } = base();
    expect(problems({ ...withoutOps, environments: [{ account: '111111111111', systems: ['billing'] }] })).toMatch(
      /operations: is required when "environments" is set[\s\S]*environments\[0\]\.systems\[0\]: no system with this id \(systems are: orders\) \(received "billing"\)/,
    );
  });

  test('fails when a top-level account is set next to environments', () => {
    expect(problems({ ...base(), account: '111111111111' })).toContain('account: must be left out when "environments" is set');
  });
});
