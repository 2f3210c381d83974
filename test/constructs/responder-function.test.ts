import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { RESPONDER_FAMILIES } from '../../lib/catalogue';
import { responderEntry } from '../../lib/constructs/private/bundling-options';
import { ResponderFunction } from '../../lib/constructs/responder-function';

const MAX_BUNDLE_BYTES = 1.5 * 1024 * 1024;

describe('ResponderFunction defaults', () => {
  let template: Template;

  beforeAll(() => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new Stack(app, 'Defaults');
    new ResponderFunction(stack, 'Plain', { family: 'ecs', functionName: 'plain' });
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    new ResponderFunction(stack, 'Keyed', { family: 'rds', functionName: 'keyed', encryptionKey: key, reservedConcurrentExecutions: 2 });
    template = Template.fromStack(stack);
  });

  test('every family has its handler file', () => {
    for (const family of RESPONDER_FAMILIES) expect(fs.existsSync(responderEntry(family))).toBe(true);
  });

  test('Node.js 24 on arm64, active tracing, 256 MB, 60 s, reserved concurrency 5 unless given', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'plain',
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      MemorySize: 256,
      Timeout: 60,
      ReservedConcurrentExecutions: 5,
    });
    template.hasResourceProperties('AWS::Lambda::Function', { FunctionName: 'keyed', ReservedConcurrentExecutions: 2 });
  });

  test('without a key: SQS-managed SSE; with one: the key encrypts the queue and the log group, and the role may use it', () => {
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 1209600 });
    template.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] } });
    template.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] } });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] } }),
        ]),
      },
    });
  });

  test('queues refuse plain HTTP; retries are 2 before the dead-letter queue', () => {
    const policies = Object.values(template.findResources('AWS::SQS::QueuePolicy'));
    expect(policies).toHaveLength(2);
    for (const p of policies) expect(JSON.stringify(p)).toContain('aws:SecureTransport');
    template.resourcePropertiesCountIs('AWS::Lambda::EventInvokeConfig', { MaximumRetryAttempts: 2 }, 2);
  });
});

describe('ResponderFunction bundling (real esbuild, no Docker)', () => {
  let bundle: string;

  beforeAll(() => {
    const app = new App();
    const stack = new Stack(app, 'Bundled');
    new ResponderFunction(stack, 'Dynamodb', { family: 'dynamodb' });
    const assembly = app.synth();
    const assets = fs.readdirSync(assembly.directory).filter((d) => d.startsWith('asset.'));
    expect(assets).toHaveLength(1);
    bundle = path.join(assembly.directory, assets[0], 'index.js');
  }, 120000);

  test('bundles the dynamodb responder, SDK included, under 1.5 MB', () => {
    const size = fs.statSync(bundle).size;
    expect(size).toBeGreaterThan(10000);
    expect(size).toBeLessThan(MAX_BUNDLE_BYTES);
    expect(fs.readFileSync(bundle, 'utf8')).toContain('UpdateTable');
  });

  test('the bundle loads on the Node.js used here (20) and exports the handler', () => {
    const out = execFileSync(process.execPath, ['-e', `process.stdout.write(typeof require(${JSON.stringify(bundle)}).handler)`], {
      // A clean environment but the SDK's switch for its Node 22 notice (see test/global-setup.ts).
      env: { PATH: process.env.PATH ?? '', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(out.toString()).toBe('function');
  });
});
