import type { AwsCallRecord } from '../core/record';

/** Throttling: AWS refused the request before doing anything, so even a non-idempotent call may be sent again. */
const THROTTLING_ERRORS = new Set(['ThrottlingException', 'Throttling', 'ThrottledException', 'TooManyRequestsException', 'RequestLimitExceeded']);

/** Errors AWS documents as transient: safe to retry for any call that is safe to repeat. */
const TRANSIENT_ERRORS = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ProvisionedThroughputExceededException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalServerError',
  'InternalServerException',
  'InternalFailure',
  'ServiceException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);

export interface CallOptions {
  /** The call changes AWS state (recorded, and forbidden in dry runs by the tests). */
  readonly mutating: boolean;
  /** The call may be repeated without harm (reads; puts of absolute values). Default: true for reads. */
  readonly idempotent?: boolean;
  /** Further error names worth a retry, e.g. `ResourceConflictException` while an update runs. */
  readonly retryOn?: readonly string[];
}

export const retryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 200,
  maxDelayMs: 3000,
};

function errorName(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { name?: unknown; code?: unknown };
    if (typeof e.name === 'string') return e.name;
    if (typeof e.code === 'string') return e.code;
  }
  return 'Error';
}

function isServerError(err: unknown): boolean {
  const status = (err as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
  return typeof status === 'number' && status >= 500;
}

export function describeError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return `${errorName(err)}: ${message}`;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Makes one AWS call through the record: retries transient failures with capped exponential
 * backoff and full jitter where the call is safe to repeat, and lists the call in `calls`.
 */
export async function awsCall<T>(
  calls: AwsCallRecord[],
  service: string,
  operation: string,
  send: () => Promise<T>,
  options: CallOptions,
): Promise<T> {
  const idempotent = options.idempotent ?? !options.mutating;
  const retryable = (err: unknown) =>
    THROTTLING_ERRORS.has(errorName(err)) ||
    (idempotent && (TRANSIENT_ERRORS.has(errorName(err)) || isServerError(err))) ||
    (options.retryOn ?? []).includes(errorName(err));
  let attempts = 0;
  for (;;) {
    attempts += 1;
    try {
      const result = await send();
      calls.push({ service, operation, mutating: options.mutating, ok: true, attempts });
      return result;
    } catch (err) {
      if (attempts >= retryPolicy.maxAttempts || !retryable(err)) {
        calls.push({ service, operation, mutating: options.mutating, ok: false, attempts, error: describeError(err) });
        throw err;
      }
      const cap = Math.min(retryPolicy.maxDelayMs, retryPolicy.baseDelayMs * 2 ** (attempts - 1));
      await sleep(Math.random() * cap);
    }
  }
}
