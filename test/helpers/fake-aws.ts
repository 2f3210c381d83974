/**
 * A fake AWS endpoint on 127.0.0.1 for running a bundled responder in-process: every SDK client
 * is pointed at it with AWS_ENDPOINT_URL. Requests are routed as the protocols address them —
 * JSON services by X-Amz-Target, query services (SNS) by the form's Action, Lambda's REST API by
 * method and path — answered from a small state (fake-aws-services.ts), and recorded in order.
 * DynamoDB calls on tables a real (local) DynamoDB owns, such as the guardrails' state table in
 * dynalite, are passed through to it unchanged (dynalite does not check signatures).
 */
import { Agent, createServer, request, type IncomingMessage } from 'node:http';
import { listenLocal } from './local-server';
import { awsError, emptyState, LAMBDA_ROUTES, OPERATIONS, TARGET_PREFIXES, type FakeState, type Parsed, type Reply } from './fake-aws-services';

export type { FakeState } from './fake-aws-services';

export interface FakeCall {
  readonly service: string;
  readonly operation: string;
  readonly method: string;
  readonly path: string;
  /** Query-string and path parameters (`name`, `alias` for Lambda function paths). */
  readonly params: Readonly<Record<string, string>>;
  /** JSON body, or the form fields of a query-protocol request. */
  readonly body: Record<string, unknown>;
  /** When the request arrived and when it was answered (ms, a monotonic clock): which calls overlapped. */
  readonly startedAt: number;
  endedAt?: number;
  /** The answer's status, and the error's `__type` where it was one (e.g. a failed condition). */
  status?: number;
  error?: string;
}

export interface FakeAwsOptions {
  /** A local DynamoDB (dynalite) and the tables it answers for; other tables are faked. */
  readonly dynamodb?: { readonly url: string; readonly owns: (tableName: string) => boolean };
}

export interface FakeAws {
  /** `http://127.0.0.1:PORT`, for AWS_ENDPOINT_URL. */
  readonly url: string;
  /** Every request since the last reset, in order. */
  readonly calls: readonly FakeCall[];
  /** What the services hold; mutable, and changed by the mutating calls. */
  state: FakeState;
  /** `service.Operation` of every call since the last reset. */
  operations(): string[];
  /** The messages posted with PutLogEvents, parsed. */
  logEvents(): unknown[];
  reset(state?: FakeState): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  const value: unknown = JSON.parse(text);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Which service and operation a request addresses, and its parsed input. */
function route(req: IncomingMessage, text: string): { service: string; operation: string; parsed: Parsed; path: string } {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const query = Object.fromEntries(url.searchParams);
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') {
    const [prefix = '', operation = ''] = target.split('.');
    return { service: TARGET_PREFIXES[prefix] ?? prefix, operation, parsed: { body: parseJson(text), params: query }, path: url.pathname };
  }
  if (String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    const form = Object.fromEntries(new URLSearchParams(text));
    // The signing scope names the service: `Credential=AKID/DATE/REGION/SERVICE/aws4_request`.
    const scope = /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(String(req.headers.authorization ?? ''));
    return { service: scope?.[1] ?? 'query', operation: form.Action ?? '', parsed: { body: form, params: query }, path: url.pathname };
  }
  for (const [method, pattern, operation] of LAMBDA_ROUTES) {
    const m = req.method === method ? pattern.exec(url.pathname) : null;
    if (!m) continue;
    const params = { ...query, ...(m[1] ? { name: decodeURIComponent(m[1]) } : {}), ...(m[2] ? { alias: decodeURIComponent(m[2]) } : {}) };
    return { service: 'lambda', operation, parsed: { body: parseJson(text), params }, path: url.pathname };
  }
  return { service: 'unknown', operation: `${req.method ?? ''} ${url.pathname}`, parsed: { body: {}, params: query }, path: url.pathname };
}

/** Sends the request on unchanged and answers with what comes back. */
function passThrough(base: string, agent: Agent, req: IncomingMessage, text: string): Promise<Reply> {
  const headers = Object.fromEntries(
    Object.entries(req.headers).flatMap(([k, v]) => (typeof v === 'string' && k !== 'host' && k !== 'connection' ? [[k, v]] : [])),
  );
  return new Promise((resolve, reject) => {
    const out = request(new URL(req.url ?? '/', base), { method: req.method, headers, agent }, (res) => {
      readBody(res)
        .then((body) => {
          const kept = Object.entries(res.headers).flatMap(([k, v]) => (typeof v === 'string' && k !== 'content-length' && k !== 'connection' ? [[k, v]] : []));
          resolve({ status: res.statusCode ?? 500, headers: Object.fromEntries(kept), body });
        })
        .catch(reject);
    });
    out.on('error', reject);
    out.end(text);
  });
}

/** The table a DynamoDB request names: its TableName, or the (one) table of a batch's RequestItems. */
function tableOf(body: Readonly<Record<string, unknown>>): string {
  if (typeof body.TableName === 'string') return body.TableName;
  const items = body.RequestItems;
  return typeof items === 'object' && items !== null ? (Object.keys(items)[0] ?? '') : '';
}

/** `__type` of a JSON error body (`com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException` → its last part). */
function errorType(body: string): string | undefined {
  try {
    const type = (JSON.parse(body) as { __type?: unknown }).__type;
    return typeof type === 'string' ? type.slice(type.lastIndexOf('#') + 1) : undefined;
  } catch {
    return undefined;
  }
}

/** Starts the fake on 127.0.0.1 and a free port. Unknown operations get a 400 the record will show. */
export async function startFakeAws(initial: FakeState = emptyState(), options: FakeAwsOptions = {}): Promise<FakeAws> {
  const calls: FakeCall[] = [];
  // Its own agent, destroyed on close: no pass-through socket outlives the fake.
  const agent = new Agent({ keepAlive: true });
  const fake = {
    url: '',
    calls,
    state: initial,
    operations: () => calls.map((c) => `${c.service}.${c.operation}`),
    logEvents: () =>
      calls
        .filter((c) => c.service === 'logs' && c.operation === 'PutLogEvents')
        .flatMap((c) => (Array.isArray(c.body.logEvents) ? (c.body.logEvents as { message?: unknown }[]) : []))
        .map((e) => JSON.parse(String(e.message)) as unknown),
    reset(state: FakeState = emptyState()) {
      calls.length = 0;
      fake.state = state;
    },
    close: async () => {
      await local.close();
      agent.destroy();
    },
  };
  const server = createServer((req, res) => {
    readBody(req)
      .then((text) => {
        const { service, operation, parsed, path } = route(req, text);
        const call: FakeCall = { service, operation, method: req.method ?? '', path, params: parsed.params, body: parsed.body, startedAt: performance.now() };
        calls.push(call);
        const answer = async (): Promise<Reply> => {
          const dynamo = options.dynamodb;
          if (service === 'dynamodb' && dynamo?.owns(tableOf(parsed.body))) {
            if (fake.state.dynamodb.down) return awsError('dynamodb', 503, 'ServiceUnavailable', 'the state table is down (fake)');
            return passThrough(dynamo.url, agent, req, text);
          }
          const op = OPERATIONS[service]?.[operation];
          return op ? op(parsed, fake.state) : awsError(service, 400, 'UnknownOperationException', `fake AWS does not implement ${service}.${operation}`);
        };
        return answer().then((reply) => ({ reply, call }));
      })
      .then(({ reply, call }) => {
        call.endedAt = performance.now();
        call.status = reply.status;
        if (reply.status >= 400) call.error = errorType(reply.body);
        res.writeHead(reply.status, { 'x-amzn-requestid': 'fake-request', ...reply.headers });
        res.end(reply.body);
      })
      .catch((err: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ __type: 'InternalFailure', message: String(err) }));
      });
  });
  const local = await listenLocal(server);
  fake.url = local.url;
  return fake;
}
