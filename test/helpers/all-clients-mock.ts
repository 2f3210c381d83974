/**
 * Mocks every AWS client the responders use (lambdas/runtime/clients/*, plus SSM and SQS should a
 * guardrail read a parameter or a queue) with aws-sdk-client-mock, routes every command to one
 * scriptable function, and tells whether any command that changes AWS was sent.
 */
import 'aws-sdk-client-mock-jest';
import { AppRunnerClient } from '@aws-sdk/client-apprunner';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ECSClient } from '@aws-sdk/client-ecs';
import { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { KMSClient, type GenerateMacCommandInput, type VerifyMacCommandInput } from '@aws-sdk/client-kms';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { RDSClient } from '@aws-sdk/client-rds';
import { Route53Client } from '@aws-sdk/client-route-53';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SSMClient } from '@aws-sdk/client-ssm';
import { WAFV2Client } from '@aws-sdk/client-wafv2';
import type { MetadataBearer } from '@smithy/types';
import { mockClient, type AwsStub } from 'aws-sdk-client-mock';
import { generateMac, verifyMac } from './record-key';

/** One stub per client class: every instance of the class (the CLOUDFRONT-scope WAF client too) is mocked. */
export const STUBS = {
  apprunner: mockClient(AppRunnerClient),
  cloudformation: mockClient(CloudFormationClient),
  cloudfront: mockClient(CloudFrontClient),
  cloudtrail: mockClient(CloudTrailClient),
  cloudwatch: mockClient(CloudWatchClient),
  dynamodb: mockClient(DynamoDBClient),
  ecs: mockClient(ECSClient),
  elasticache: mockClient(ElastiCacheClient),
  kms: mockClient(KMSClient),
  lambda: mockClient(LambdaClient),
  logs: mockClient(CloudWatchLogsClient),
  rds: mockClient(RDSClient),
  route53: mockClient(Route53Client),
  sns: mockClient(SNSClient),
  sqs: mockClient(SQSClient),
  ssm: mockClient(SSMClient),
  wafv2: mockClient(WAFV2Client),
};
export type ServiceName = keyof typeof STUBS;

/** A command as the fake AWS saw it: `operation` is the command class name without "Command". */
export interface SentCommand {
  readonly service: ServiceName;
  readonly operation: string;
  readonly input: unknown;
}

/** Answers a command: return the output, or throw the error AWS would. */
export type FakeAws = (sent: SentCommand) => unknown;

/**
 * Every command that changes AWS resources, from the catalogue's remediations. Writing the
 * remediation log (CreateLogStream, PutLogEvents), starting a Logs Insights query and publishing
 * an escalation change no resource, so they are not listed.
 */
export const MUTATING_COMMANDS: readonly string[] = [
  'lambda:PutProvisionedConcurrencyConfig',
  'lambda:PutFunctionConcurrency',
  'lambda:DeleteProvisionedConcurrencyConfig',
  'lambda:UpdateFunctionConfiguration',
  'lambda:UpdateAlias',
  // A new version is a resource of its own, and what an alias moved to it then serves.
  'lambda:PublishVersion',
  'dynamodb:UpdateTable',
  'ecs:UpdateService',
  'apprunner:UpdateService',
  'apprunner:StartDeployment',
  'apprunner:CreateAutoScalingConfiguration',
  'rds:RebootDBInstance',
  'elasticache:RebootCacheCluster',
  'cloudfront:CreateInvalidation',
  'wafv2:UpdateIPSet',
];

const operationOf = (command: object) => command.constructor.name.replace(/Command$/, '');

let current: FakeAws = () => ({});
let sent: SentCommand[] = [];

/** Sends every command of `stub` to the current fake, recording it first. */
function route<I extends object, O extends MetadataBearer, C>(stub: AwsStub<I, O, C>, service: ServiceName): void {
  stub.reset();
  // Async, so a thrown error becomes the rejected promise the SDK would give.
  stub.send.callsFake(async (command) => {
    const one: SentCommand = { service, operation: operationOf(command), input: command.input };
    sent.push(one);
    const answer = current(one);
    // KMS signs and verifies with the test record key unless the fake answers otherwise (or throws: an outage).
    return (service === 'kms' && isNothing(answer) ? recordKeyAnswer(one) : answer) as O;
  });
}

const isNothing = (v: unknown) => typeof v === 'object' && v !== null && Object.keys(v).length === 0;

function recordKeyAnswer(c: SentCommand): unknown {
  if (c.operation === 'GenerateMac') return generateMac(c.input as GenerateMacCommandInput);
  if (c.operation === 'VerifyMac') return verifyMac(c.input as VerifyMacCommandInput);
  return {};
}

/**
 * Resets every stub and answers every command with `fake` (by default `{}`: a read finds nothing,
 * a write "succeeds"). Call in beforeEach.
 */
export function resetAllClients(fake: FakeAws = () => ({})): void {
  current = fake;
  sent = [];
  // One call per client type: a loop over the union of stub types does not type-check.
  route(STUBS.apprunner, 'apprunner');
  route(STUBS.cloudformation, 'cloudformation');
  route(STUBS.cloudfront, 'cloudfront');
  route(STUBS.cloudtrail, 'cloudtrail');
  route(STUBS.cloudwatch, 'cloudwatch');
  route(STUBS.dynamodb, 'dynamodb');
  route(STUBS.ecs, 'ecs');
  route(STUBS.elasticache, 'elasticache');
  route(STUBS.kms, 'kms');
  route(STUBS.lambda, 'lambda');
  route(STUBS.logs, 'logs');
  route(STUBS.rds, 'rds');
  route(STUBS.route53, 'route53');
  route(STUBS.sns, 'sns');
  route(STUBS.sqs, 'sqs');
  route(STUBS.ssm, 'ssm');
  route(STUBS.wafv2, 'wafv2');
}

/** Replaces the answering function without forgetting what was sent. */
export function answerWith(fake: FakeAws): void {
  current = fake;
}

/** Every command sent since the last reset, in the order sent, across all clients. */
export function sentCommands(): readonly SentCommand[] {
  return [...sent];
}

/** `service:Operation` of every mutating command sent since the last reset. */
export function mutatingCommandsSent(): string[] {
  return sentCommands()
    .map((c) => `${c.service}:${c.operation}`)
    .filter((c) => MUTATING_COMMANDS.includes(c));
}

/** Fails the test if any command that changes AWS was sent. */
export function expectNoMutatingCommand(): void {
  expect(mutatingCommandsSent()).toEqual([]);
}

/** How many times `service:operation` was sent since the last reset. */
export function timesSent(service: ServiceName, operation: string): number {
  return sentCommands().filter((c) => c.service === service && c.operation === operation).length;
}
