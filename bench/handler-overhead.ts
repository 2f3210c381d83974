/**
 * What the handler costs per notification when AWS costs nothing: the family handler (middy,
 * Powertools, kill switch, idempotency, guardrails, respond, record) with every SDK client's
 * `send` answered at once in-process. Baselines: the same loop calling only parseInvocation,
 * and an empty async function.
 */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SSMClient } from '@aws-sdk/client-ssm';
import { alarmMessage, snsEvent } from '../test/helpers/alarm-event';
import { lambdaContext } from '../test/helpers/deployed-responder';
import { settingsForAlarm } from '../test/helpers/responder-settings';
import { int, median, percentile, ratio, type Section } from './report';

const WARMUP = 300;
const MEASURED = 3000;
/** A rung alarm whose remediation raises provisioned concurrency on the alias. */
const ALARM = 'ar-rung-high-latency-rung-api-prod';

/** What AWS would answer, by command: enough for the plan to raise 2 → 4 and apply it. */
const ANSWERS: Readonly<Record<string, object>> = {
  GetParameterCommand: { Parameter: { Name: '/ar/mode', Value: 'enforce', Type: 'String' } },
  GetProvisionedConcurrencyConfigCommand: { RequestedProvisionedConcurrentExecutions: 2, AllocatedProvisionedConcurrentExecutions: 2, Status: 'READY' },
  GetAccountSettingsCommand: { AccountLimit: { ConcurrentExecutions: 1000, UnreservedConcurrentExecutions: 900 } },
  PutProvisionedConcurrencyConfigCommand: { RequestedProvisionedConcurrentExecutions: 4, Status: 'IN_PROGRESS' },
  SendMessageCommand: { MessageId: '5fea7756-0ea4-451a-a703-a558b933e274' },
  GenerateMacCommand: { Mac: new Uint8Array(32).fill(7), KeyId: 'arn:aws:kms:us-east-1:123456789012:key/0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d', MacAlgorithm: 'HMAC_SHA_256' },
};

/** Every client's `send` answers from ANSWERS by command class, `{}` otherwise (a write succeeds). */
/**
 * Answers every `send` of these clients from ANSWERS by command class (`{}` otherwise: a read
 * finds nothing, a write succeeds), in-process. Not aws-sdk-client-mock: its sinon stub records
 * every call, which would cost more than some of what is measured here.
 */
function answerAll(clients: ReadonlyArray<{ readonly prototype: object }>): () => void {
  const saved = clients.map((c) => Object.getOwnPropertyDescriptor(c.prototype, 'send'));
  const send = async (command: object) => ANSWERS[command.constructor.name] ?? {};
  for (const c of clients) Object.defineProperty(c.prototype, 'send', { value: send, configurable: true, writable: true });
  return () =>
    clients.forEach((c, i) => {
      const own = saved[i];
      if (own) Object.defineProperty(c.prototype, 'send', own);
      else Reflect.deleteProperty(c.prototype, 'send');
    });
}

/** Times `fn` per call after a warm-up; µs per call and calls per second over the measured loop. */
async function timeLoop(fn: (i: number) => Promise<unknown>): Promise<{ us: number[]; perSecond: number }> {
  for (let i = 0; i < WARMUP; i++) await fn(i);
  const us: number[] = [];
  const started = process.hrtime.bigint();
  for (let i = WARMUP; i < WARMUP + MEASURED; i++) {
    const t = process.hrtime.bigint();
    await fn(i);
    us.push(Number(process.hrtime.bigint() - t) / 1e3);
  }
  return { us, perSecond: MEASURED / (Number(process.hrtime.bigint() - started) / 1e9) };
}

const time = (i: number) => new Date(Date.UTC(2026, 10, 23) + i * 1000).toISOString().replace('Z', '+0000');

/** What the function's environment would hold, for the time of the measure. */
const ENVIRONMENT: Readonly<Record<string, string>> = {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'AKIAFAKEFAKEFAKEFAKE',
  AWS_SECRET_ACCESS_KEY: 'fake-secret',
  AWS_LAMBDA_FUNCTION_NAME: 'ar-rung-lambda',
  POWERTOOLS_SERVICE_NAME: 'alert-responder-rung-lambda',
  POWERTOOLS_METRICS_NAMESPACE: 'AlertResponder',
  POWERTOOLS_TRACE_ENABLED: 'false',
};

export async function handlerOverhead(): Promise<Section> {
  const previous = Object.entries(ENVIRONMENT).map(([key]) => [key, process.env[key]] as const);
  Object.assign(process.env, ENVIRONMENT);
  try {
    return await measure();
  } finally {
    for (const [key, value] of previous) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

async function measure(): Promise<Section> {
  // After the environment: Powertools reads it when the module loads.
  const { createHandler } = await import('../lambdas/pipeline/handler');
  const { remediations } = await import('../lambdas/remediations/lambda');
  const { parseInvocation } = await import('../lambdas/pipeline/notification');
  const { unsignedRecords } = await import('../lambdas/pipeline/record-signer');
  const restore = answerAll([CloudWatchClient, CloudWatchLogsClient, DynamoDBClient, KMSClient, LambdaClient, SNSClient, SQSClient, SSMClient]);
  const handler = createHandler(remediations, { settings: settingsForAlarm(ALARM) });
  // The same handler with records left unsigned: what signing (canonical JSON, SHA-256, the GenerateMac request) adds.
  const unsigned = createHandler(remediations, { settings: settingsForAlarm(ALARM), sign: unsignedRecords('bench: not signed') });
  const events = (state: 'ALARM' | 'OK') => Array.from({ length: WARMUP + MEASURED }, (_, i) => snsEvent([alarmMessage({ name: ALARM, state, time: time(i) })]));
  const alarm = events('ALARM');
  const ok = events('OK');
  const decisions = new Set<string>();
  // A context per invocation, as the Lambda runtime gives.
  const call = async (event: unknown, i: number, h = handler) => {
    const out = (await h(event, lambdaContext('ar-rung-lambda', `bench-${i}`))) as { records?: Array<{ decision: string; reasonCode: string }> };
    for (const r of out.records ?? []) decisions.add(`${r.decision}/${r.reasonCode}`);
  };
  // Powertools logs and metrics go to stdout, as in Lambda; here they would drown the table.
  const write = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  let rows: Array<[string, { us: number[]; perSecond: number }]>;
  try {
    rows = [
      ['empty async function (floor)', await timeLoop(async () => undefined)],
      ['parseInvocation only (baseline)', await timeLoop(async (i) => parseInvocation(ok[i]))],
      ['skipped: OK notification', await timeLoop((i) => call(ok[i], i))],
      ['applied: raise provisioned concurrency', await timeLoop((i) => call(alarm[i], i))],
      ['skipped: OK notification, record unsigned', await timeLoop((i) => call(ok[i], i, unsigned))],
      ['applied, record unsigned', await timeLoop((i) => call(alarm[i], i, unsigned))],
    ];
  } finally {
    process.stdout.write = write;
    restore();
  }
  const base = median(rows[1][1].us);
  return {
    title: 'Handler overhead per notification',
    intro:
      `The lambda family's handler in this process, ${MEASURED} notifications one after another after ${WARMUP} to warm up, every ` +
      'AWS call answered at once in-process (each client\'s `send` replaced: no HTTP, no SDK middleware): what the code itself costs. Baseline: the ' +
      'same loop calling only parseInvocation.',
    header: ['path', 'median µs', 'p99 µs', 'notifications/s', 'median vs parseInvocation'],
    rows: rows.map(([name, r]) => [name, int(median(r.us)), int(percentile(r.us, 99)), int(r.perSecond), ratio(median(r.us), base)]),
    notes: [
      `Decisions seen: ${[...decisions].sort().join(', ')}.`,
      'The unsigned rows run the same handler with records left unsigned: the difference is what signing costs in the process ' +
        '(canonical JSON, SHA-256, building the GenerateMac request). Deployed, signing adds one KMS round trip per record on top: ' +
        'sequential for an applied action (its applied item keeps the MAC), overlapping the last state-table writes otherwise.',
    ],
  };
}
