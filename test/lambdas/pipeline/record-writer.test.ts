/**
 * Part 8: the record writer. Whatever PutLogEvents does, the record is never lost: it is in the
 * remediation log group, or in the function's own log with RecordWriteFailures counted.
 */
import { retryPolicy } from '../../../lambdas/runtime/aws-call';
import { parseInvocation } from '../../../lambdas/pipeline/notification';
import { logger, metrics } from '../../../lambdas/runtime/powertools';
import type { ResultRecord, Signed } from '../../../lambdas/core/record';
import { resetRecordStream, writeRecord } from '../../../lambdas/pipeline/record-writer';
import { respond } from '../../../lambdas/pipeline/respond';
import { resetAllClients, timesSent, type SentCommand } from '../../helpers/all-clients-mock';
import { ACCOUNT, settingsForAlarm } from '../../helpers/responder-settings';

const GROUP = '/alert-responder/ar/remediations';
const ALARM = 'ar-rung-high-latency-rung-api-prod';

const awsError = (name: string, httpStatusCode = 400): Error =>
  Object.assign(new Error(`${name} (test)`), { name, $fault: httpStatusCode >= 500 ? 'server' : 'client', $metadata: { httpStatusCode } });
const TIMEOUT = Object.assign(new Error('socket timed out'), { name: 'TimeoutError' });

/** A genuine record, as respond makes it (here for a payload that is not an event). */
async function aRecord(): Promise<Signed<ResultRecord>> {
  const settings = settingsForAlarm(ALARM);
  const [outcome] = parseInvocation({ not: 'an event' });
  return respond(outcome, {
    settings,
    remediations: {},
    escalate: async () => {
      throw new Error('no escalation expected');
    },
    self: { account: ACCOUNT, region: 'us-east-1' },
  });
}

type Step = 'ok' | Error;
/** CloudWatch Logs scripted per operation: each step answers one call, the last one repeats. */
function fakeLogs(script: Partial<Record<'CreateLogStream' | 'PutLogEvents', readonly Step[]>>) {
  const accepted: string[] = [];
  const seen = new Map<string, number>();
  resetAllClients((c: SentCommand) => {
    const steps = c.operation === 'CreateLogStream' || c.operation === 'PutLogEvents' ? script[c.operation] ?? ['ok'] : ['ok'];
    const n = seen.get(c.operation) ?? 0;
    seen.set(c.operation, n + 1);
    const step = steps[Math.min(n, steps.length - 1)];
    if (step instanceof Error) throw step;
    if (c.operation === 'PutLogEvents') accepted.push(...(c.input as { logEvents: { message: string }[] }).logEvents.map((e) => e.message));
    return {};
  });
  return accepted;
}

let error: jest.SpyInstance;
let addMetric: jest.SpyInstance;
beforeEach(() => {
  retryPolicy.baseDelayMs = 0;
  resetRecordStream();
  error = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
  addMetric = jest.spyOn(metrics, 'addMetric').mockImplementation(() => metrics);
});
afterEach(() => jest.restoreAllMocks());

/** Records handed to the function log by the writer. */
const fellBack = (): unknown[] => error.mock.calls.map((args: unknown[]) => (args[1] as { resultRecord?: unknown } | undefined)?.resultRecord);
const failuresCounted = (): number => addMetric.mock.calls.filter((args: unknown[]) => args[0] === 'RecordWriteFailures').length;

describe('writeRecord', () => {
  it('posts the record as one JSON event to a stream it creates once per container', async () => {
    const accepted = fakeLogs({});
    const first = await aRecord();
    const second = await aRecord();
    await expect(writeRecord(first, GROUP)).resolves.toBe(true);
    await expect(writeRecord(second, GROUP)).resolves.toBe(true);
    expect(accepted.map((m) => JSON.parse(m) as unknown)).toEqual([JSON.parse(JSON.stringify(first)), JSON.parse(JSON.stringify(second))]);
    expect(timesSent('logs', 'CreateLogStream')).toBe(1);
    expect(fellBack()).toEqual([]);
    expect(failuresCounted()).toBe(0);
  });

  it('accepts a stream that already exists (ResourceAlreadyExistsException)', async () => {
    const accepted = fakeLogs({ CreateLogStream: [awsError('ResourceAlreadyExistsException')] });
    const record = await aRecord();
    await expect(writeRecord(record, GROUP)).resolves.toBe(true);
    expect(accepted).toEqual([JSON.stringify(record)]);
    expect(fellBack()).toEqual([]);
  });

  it('retries a throttled PutLogEvents and posts the record once the throttling clears', async () => {
    const throttled = awsError('ThrottlingException');
    const accepted = fakeLogs({ PutLogEvents: [throttled, throttled, 'ok'] });
    const record = await aRecord();
    await expect(writeRecord(record, GROUP)).resolves.toBe(true);
    expect(timesSent('logs', 'PutLogEvents')).toBe(3);
    expect(accepted).toEqual([JSON.stringify(record)]);
    expect(failuresCounted()).toBe(0);
  });

  it.each([
    ['throttled beyond the retries', awsError('ThrottlingException'), retryPolicy.maxAttempts],
    ['unavailable (503) beyond the retries', awsError('ServiceUnavailableException', 503), retryPolicy.maxAttempts],
    ['timing out beyond the retries', TIMEOUT, retryPolicy.maxAttempts],
    ['denied (AccessDeniedException)', awsError('AccessDeniedException'), 1],
    ['missing its log group or stream (ResourceNotFoundException)', awsError('ResourceNotFoundException'), 1],
    ['rejecting the event (InvalidParameterException)', awsError('InvalidParameterException'), 1],
  ])('PutLogEvents %s: the record goes to the function log and RecordWriteFailures counts it', async (_, fault, attempts) => {
    const accepted = fakeLogs({ PutLogEvents: [fault] });
    const record = await aRecord();
    await expect(writeRecord(record, GROUP)).resolves.toBe(false);
    expect(timesSent('logs', 'PutLogEvents')).toBe(attempts);
    expect(attempts).toBeLessThanOrEqual(retryPolicy.maxAttempts);
    expect(accepted).toEqual([]);
    expect(fellBack()).toEqual([record]);
    expect(error.mock.calls[0]?.[1]).toMatchObject({ error: expect.stringContaining(fault.message) });
    expect(failuresCounted()).toBe(1);
  });

  it('creates the stream again after ResourceNotFoundException, so the next record is posted', async () => {
    const accepted = fakeLogs({ PutLogEvents: [awsError('ResourceNotFoundException'), 'ok'] });
    const lost = await aRecord();
    const next = await aRecord();
    await expect(writeRecord(lost, GROUP)).resolves.toBe(false);
    await expect(writeRecord(next, GROUP)).resolves.toBe(true);
    expect(timesSent('logs', 'CreateLogStream')).toBe(2);
    expect(fellBack()).toEqual([lost]);
    expect(accepted).toEqual([JSON.stringify(next)]);
  });

  it('falls back to the function log when the stream cannot be created, and tries again next time', async () => {
    const accepted = fakeLogs({ CreateLogStream: [awsError('AccessDeniedException'), 'ok'] });
    const first = await aRecord();
    const second = await aRecord();
    await expect(writeRecord(first, GROUP)).resolves.toBe(false);
    expect(timesSent('logs', 'PutLogEvents')).toBe(0);
    await expect(writeRecord(second, GROUP)).resolves.toBe(true);
    expect(fellBack()).toEqual([first]);
    expect(accepted).toEqual([JSON.stringify(second)]);
    expect(failuresCounted()).toBe(1);
  });

  it('posts the same record (same recordId) when a write that AWS accepted timed out and was retried', async () => {
    // At least once: PutLogEvents has no idempotency token, so a reader drops repeats by recordId.
    const accepted: string[] = [];
    let puts = 0;
    resetAllClients((c) => {
      if (c.operation !== 'PutLogEvents') return {};
      accepted.push(...(c.input as { logEvents: { message: string }[] }).logEvents.map((e) => e.message));
      puts += 1;
      if (puts === 1) throw TIMEOUT;
      return {};
    });
    const record = await aRecord();
    await expect(writeRecord(record, GROUP)).resolves.toBe(true);
    expect(accepted).toHaveLength(2);
    expect(new Set(accepted.map((m) => (JSON.parse(m) as { recordId: string }).recordId))).toEqual(new Set([record.recordId]));
  });

  it.each([
    ['everything works', {}],
    ['the stream exists', { CreateLogStream: [awsError('ResourceAlreadyExistsException')] }],
    ['throttling clears', { PutLogEvents: [awsError('ThrottlingException'), 'ok'] }],
    ['throttling persists', { PutLogEvents: [awsError('ThrottlingException')] }],
    ['access is denied', { PutLogEvents: [awsError('AccessDeniedException')] }],
    ['the group is gone', { CreateLogStream: [awsError('ResourceNotFoundException')], PutLogEvents: [awsError('ResourceNotFoundException')] }],
    ['the network times out', { PutLogEvents: [TIMEOUT] }],
  ] as const)('never loses a record when %s', async (_, script) => {
    const accepted = fakeLogs(script);
    const records = [await aRecord(), await aRecord(), await aRecord()];
    for (const record of records) await writeRecord(record, GROUP);
    const posted = accepted.map((m) => (JSON.parse(m) as { recordId: string }).recordId);
    const logged = fellBack().map((r) => (r as { recordId: string }).recordId);
    for (const { recordId } of records) expect([posted.includes(recordId), logged.includes(recordId)]).toContain(true);
    expect(failuresCounted()).toBe(logged.length);
  });
});
