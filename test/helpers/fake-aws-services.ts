/**
 * What the fake AWS (fake-aws.ts) answers, per operation, from a small mutable state a test sets
 * up. Replies are shaped as the services send them for the protocol their SDK client speaks.
 */
import { createHash, randomUUID } from 'node:crypto';
import { generateMac } from './record-key';

export interface FakeFunction {
  /** Reserved concurrency; none when undefined (GetFunctionConcurrency answers `{}`). */
  reserved?: number;
  /** Requested provisioned concurrency by qualifier; none configured → 404 ProvisionedConcurrencyConfigNotFoundException. */
  provisioned: Record<string, number>;
}

export interface FakeTable {
  status: string;
  billingMode: 'PROVISIONED' | 'PAY_PER_REQUEST';
  read: number;
  write: number;
}

export interface FakeState {
  readonly lambda: { unreserved: number; functions: Record<string, FakeFunction> };
  /** `down`: every call on the state table (passed through to dynalite otherwise) answers 503. */
  readonly dynamodb: { tables: Record<string, FakeTable>; down?: boolean };
  /**
   * `alarms`: MetricAlarm objects as DescribeAlarms (JSON protocol) returns them, by name.
   * `series`: what GetMetricData returns per query, oldest first, one value per period ending at
   * EndTime: by `Namespace/MetricName` for a MetricStat query, by query Id for an expression.
   */
  readonly cloudwatch: { alarms: Record<string, Record<string, unknown>>; series: Record<string, number[]> };
  /** Messages of the remediation log group: PutLogEvents adds, FilterLogEvents finds by `$.recordId`. */
  readonly logs: { messages: string[] };
  /** Message bodies sent to SQS (the verification queue). */
  readonly sqs: { messages: { queueUrl: string; body: string; delaySeconds: number }[] };
  /** SSM parameters by name (the kill switch `/ar/mode`). */
  readonly ssm: { parameters: Record<string, string> };
  /**
   * The record key (test/helpers/record-key.ts). `refuse`: GenerateMac answers 400 with this error
   * (AccessDeniedException, DisabledException: not retried, so a test does not wait out backoff).
   */
  readonly kms: { refuse?: string };
}

export const emptyState = (): FakeState => ({
  lambda: { unreserved: 1000, functions: {} },
  dynamodb: { tables: {} },
  cloudwatch: { alarms: {}, series: {} },
  logs: { messages: [] },
  sqs: { messages: [] },
  ssm: { parameters: { '/ar/mode': 'enforce' } },
  kms: {},
});

export interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What the server parsed out of a request, handed to the operation. */
export interface Parsed {
  readonly body: Record<string, unknown>;
  readonly params: Readonly<Record<string, string>>;
}

type Op = (p: Parsed, state: FakeState) => Reply;

const JSON_TYPES: Readonly<Record<string, string>> = { logs: '1.1', ssm: '1.1', kms: '1.1', dynamodb: '1.0', cloudwatch: '1.0', sqs: '1.0', cloudtrail: '1.1' };
const contentType = (service: string) => (JSON_TYPES[service] ? `application/x-amz-json-${JSON_TYPES[service]}` : 'application/json');

export const json = (service: string, body: unknown, status = 200): Reply => ({ status, headers: { 'content-type': contentType(service) }, body: JSON.stringify(body) });

/** JSON protocols name the error in `__type`; Lambda's REST protocol in the x-amzn-errortype header. */
export function awsError(service: string, status: number, code: string, message: string): Reply {
  if (service === 'lambda') return { status, headers: { 'content-type': 'application/json', 'x-amzn-errortype': code }, body: JSON.stringify({ Type: 'User', message }) };
  return json(service, { __type: code, message }, status);
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const fn = (s: FakeState, name: string): FakeFunction => (s.lambda.functions[name] ??= { provisioned: {} });

const lambda: Record<string, Op> = {
  GetProvisionedConcurrencyConfig({ params }, s) {
    const value = fn(s, params.name).provisioned[params.Qualifier];
    if (value === undefined) return awsError('lambda', 404, 'ProvisionedConcurrencyConfigNotFoundException', 'No Provisioned Concurrency Config found for this function');
    return json('lambda', { RequestedProvisionedConcurrentExecutions: value, AllocatedProvisionedConcurrentExecutions: value, AvailableProvisionedConcurrentExecutions: value, Status: 'READY' });
  },
  PutProvisionedConcurrencyConfig({ params, body }, s) {
    const value = Number(body.ProvisionedConcurrentExecutions);
    fn(s, params.name).provisioned[params.Qualifier] = value;
    return json('lambda', { RequestedProvisionedConcurrentExecutions: value, AllocatedProvisionedConcurrentExecutions: 0, Status: 'IN_PROGRESS' }, 202);
  },
  DeleteProvisionedConcurrencyConfig({ params }, s) {
    const configs = fn(s, params.name).provisioned;
    if (configs[params.Qualifier] === undefined) return awsError('lambda', 404, 'ProvisionedConcurrencyConfigNotFoundException', 'No Provisioned Concurrency Config found for this function');
    delete configs[params.Qualifier];
    return { status: 204, headers: {}, body: '' };
  },
  GetFunctionConcurrency({ params }, s) {
    const reserved = fn(s, params.name).reserved;
    return json('lambda', reserved === undefined ? {} : { ReservedConcurrentExecutions: reserved });
  },
  PutFunctionConcurrency({ params, body }, s) {
    fn(s, params.name).reserved = Number(body.ReservedConcurrentExecutions);
    return json('lambda', { ReservedConcurrentExecutions: fn(s, params.name).reserved });
  },
  // Context reads: a function of no stack (no aws:cloudformation:* tags).
  ListTags: () => json('lambda', { Tags: {} }),
  GetAccountSettings(_, s) {
    return json('lambda', { AccountLimit: { ConcurrentExecutions: s.lambda.unreserved, UnreservedConcurrentExecutions: s.lambda.unreserved }, AccountUsage: { FunctionCount: 1 } });
  },
};

const logs: Record<string, Op> = {
  CreateLogStream: () => json('logs', {}),
  PutLogEvents({ body }, s) {
    const events = Array.isArray(body.logEvents) ? (body.logEvents as { message?: unknown }[]) : [];
    s.logs.messages.push(...events.map((e) => str(e.message)));
    return json('logs', { nextSequenceToken: '1' });
  },
  /** Understands only the `{ $.recordId = "…" }` pattern the undo lookup uses; anything else finds nothing. */
  FilterLogEvents({ body }, s) {
    const id = /^\{ \$\.recordId = "([^"]+)" \}$/.exec(str(body.filterPattern))?.[1];
    const hits = id === undefined ? [] : s.logs.messages.filter((m) => (JSON.parse(m) as { recordId?: unknown }).recordId === id);
    return json('logs', { events: hits.map((message, i) => ({ eventId: String(i), timestamp: Date.now(), message, logStreamName: 'fake' })), searchedLogStreams: [] });
  },
};

const ssm: Record<string, Op> = {
  GetParameter({ body }, s) {
    const name = str(body.Name);
    const value = s.ssm.parameters[name];
    if (value === undefined) return awsError('ssm', 400, 'ParameterNotFound', `Parameter ${name} not found.`);
    return json('ssm', { Parameter: { Name: name, Type: 'String', Value: value, Version: 1, DataType: 'text' } });
  },
};

/** KMS speaks JSON 1.1; blobs travel as base64. Signs with the test record key. */
const kms: Record<string, Op> = {
  GenerateMac({ body }, s) {
    if (s.kms.refuse) return awsError('kms', 400, s.kms.refuse, `KMS refused (test)`);
    const out = generateMac({ KeyId: str(body.KeyId), MacAlgorithm: 'HMAC_SHA_256', Message: Buffer.from(str(body.Message), 'base64') });
    return json('kms', { ...out, Mac: Buffer.from(out.Mac).toString('base64') });
  },
};

/** SQS speaks JSON 1.0 (awsQueryCompatible); the client checks the body's MD5. */
const sqs: Record<string, Op> = {
  SendMessage({ body }, s) {
    const text = str(body.MessageBody);
    s.sqs.messages.push({ queueUrl: str(body.QueueUrl), body: text, delaySeconds: Number(body.DelaySeconds ?? 0) });
    return json('sqs', { MessageId: randomUUID(), MD5OfMessageBody: createHash('md5').update(text).digest('hex') });
  },
};

const dynamodb: Record<string, Op> = {
  DescribeTable({ body }, s) {
    const t = s.dynamodb.tables[str(body.TableName)];
    if (!t) return awsError('dynamodb', 400, 'ResourceNotFoundException', `Requested resource not found: Table: ${str(body.TableName)} not found`);
    const billing = t.billingMode === 'PROVISIONED' ? {} : { BillingModeSummary: { BillingMode: t.billingMode } };
    return json('dynamodb', { Table: { TableName: body.TableName, TableStatus: t.status, ...billing, ProvisionedThroughput: { ReadCapacityUnits: t.read, WriteCapacityUnits: t.write } } });
  },
};

const cloudwatch: Record<string, Op> = {
  DescribeAlarms({ body }, s) {
    const names = Array.isArray(body.AlarmNames) ? body.AlarmNames.map(str) : [];
    return json('cloudwatch', { MetricAlarms: names.flatMap((n) => s.cloudwatch.alarms[n] ?? []), CompositeAlarms: [] });
  },
  GetMetricData({ body }, s) {
    const queries = Array.isArray(body.MetricDataQueries) ? (body.MetricDataQueries as Record<string, unknown>[]) : [];
    const end = Number(body.EndTime);
    const statPeriod = queries.map((q) => (q.MetricStat as { Period?: number } | undefined)?.Period).find((p) => p !== undefined);
    const results = queries
      .filter((q) => q.ReturnData !== false)
      .map((q) => {
        const stat = q.MetricStat as { Metric?: { Namespace?: string; MetricName?: string }; Period?: number } | undefined;
        const key = stat?.Metric ? `${str(stat.Metric.Namespace)}/${str(stat.Metric.MetricName)}` : str(q.Id);
        const values = s.cloudwatch.series[key] ?? [];
        const period = Number(stat?.Period ?? statPeriod ?? 60);
        // Newest first, as CloudWatch returns them by default; each stamped with its period's start.
        const newest = [...values].reverse();
        return { Id: q.Id, Label: q.Id, Timestamps: newest.map((_, i) => end - (i + 1) * period), Values: newest, StatusCode: 'Complete' };
      });
    return json('cloudwatch', { MetricDataResults: results, Messages: [] });
  },
};

/** SNS speaks the query protocol: a form body in, XML out. */
const sns: Record<string, Op> = {
  Publish: () => ({
    status: 200,
    headers: { 'content-type': 'text/xml' },
    body:
      '<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult>' +
      `<MessageId>${randomUUID()}</MessageId></PublishResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></PublishResponse>`,
  }),
};

/** Context reads: no management change in the window. */
const cloudtrail: Record<string, Op> = { LookupEvents: () => json('cloudtrail', { Events: [] }) };

export const OPERATIONS: Readonly<Record<string, Readonly<Record<string, Op>>>> = { lambda, logs, dynamodb, cloudwatch, sns, sqs, ssm, kms, cloudtrail };

/** Lambda's REST routes the responders use: method, path pattern, operation. */
export const LAMBDA_ROUTES: readonly (readonly [string, RegExp, string])[] = [
  ['GET', /^\/2019-09-30\/functions\/([^/]+)\/provisioned-concurrency$/, 'GetProvisionedConcurrencyConfig'],
  ['PUT', /^\/2019-09-30\/functions\/([^/]+)\/provisioned-concurrency$/, 'PutProvisionedConcurrencyConfig'],
  ['DELETE', /^\/2019-09-30\/functions\/([^/]+)\/provisioned-concurrency$/, 'DeleteProvisionedConcurrencyConfig'],
  ['GET', /^\/2019-09-30\/functions\/([^/]+)\/concurrency$/, 'GetFunctionConcurrency'],
  ['PUT', /^\/2017-10-31\/functions\/([^/]+)\/concurrency$/, 'PutFunctionConcurrency'],
  ['GET', /^\/2016-08-19\/account-settings\/?$/, 'GetAccountSettings'],
  ['GET', /^\/2015-03-31\/functions\/([^/]+)\/aliases\/([^/]+)$/, 'GetAlias'],
  ['PUT', /^\/2015-03-31\/functions\/([^/]+)\/aliases\/([^/]+)$/, 'UpdateAlias'],
  ['GET', /^\/2015-03-31\/functions\/([^/]+)\/versions$/, 'ListVersionsByFunction'],
  ['GET', /^\/2017-03-31\/tags\/([^/]+)$/, 'ListTags'],
];

/** X-Amz-Target prefixes of the JSON-protocol services. */
export const TARGET_PREFIXES: Readonly<Record<string, string>> = {
  Logs_20140328: 'logs',
  DynamoDB_20120810: 'dynamodb',
  GraniteServiceVersion20100801: 'cloudwatch',
  AmazonSSM: 'ssm',
  AmazonSQS: 'sqs',
  TrentService: 'kms',
  CloudTrail_20131101: 'cloudtrail',
};
