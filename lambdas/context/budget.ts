import type { ContextBudget, ContextCall } from '../core/context';
import type { AwsCallRecord } from '../core/record';
import { describeError } from '../runtime/aws-call';

/** Starts the budget's clock; returns what stops it. Injected by tests, which expire it by hand. */
export type StartTimer = (ms: number, expire: () => void) => () => void;

const realTimer: StartTimer = (ms, expire) => {
  const timer = setTimeout(expire, ms);
  // The budget never keeps a container (or a test run) alive on its own.
  timer.unref();
  return () => clearTimeout(timer);
};

/** The context reads of one invocation ran out of their time budget: the decision goes ahead on the alarm alone. */
export class ContextBudgetSpentError extends Error {
  override readonly name = 'ContextBudgetSpentError';
  constructor(readonly budgetMs: number) {
    super(`the context budget of ${budgetMs} ms was spent`);
  }
}

/** The record was finished while a context read was still pending: what it would have said is no longer needed. */
export class ContextClosedError extends Error {
  override readonly name = 'ContextClosedError';
  constructor() {
    super('the record was finished before this context read answered');
  }
}

export interface ContextBudgetOptions {
  readonly budgetMs: number;
  /** The record's call list: each read is listed, a read cut by the budget as failed. */
  readonly calls: AwsCallRecord[];
  /** @default setTimeout, unref'd */
  readonly startTimer?: StartTimer;
}

/** Settles as `promise` does, or rejects with the signal's reason once it aborts, whichever comes first. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

export type { ContextBudget, ContextCall } from '../core/context';

/**
 * The time budget and cache that every context read of one invocation shares: the clock starts
 * at the first read, and when it runs out every pending read is aborted (the SDK's abortSignal)
 * and rejects with ContextBudgetSpentError. Reads are one attempt each: a retry's backoff would
 * not fit the budget, and a context read that fails only makes the context unavailable.
 */
export function contextBudget(options: ContextBudgetOptions): ContextBudget {
  const { budgetMs, calls } = options;
  const controller = new AbortController();
  const cache = new Map<string, Promise<unknown>>();
  let stop: (() => void) | undefined;
  const startClock = () => (stop ??= (options.startTimer ?? realTimer)(budgetMs, () => controller.abort(new ContextBudgetSpentError(budgetMs))));

  async function recorded<T>(call: ContextCall, send: (abortSignal: AbortSignal) => Promise<T>): Promise<T> {
    // Spent already: nothing is sent, and nothing listed.
    if (controller.signal.aborted) throw controller.signal.reason;
    try {
      const value = await untilAborted(send(controller.signal), controller.signal);
      calls.push({ service: call.service, operation: call.operation, mutating: false, ok: true, attempts: 1 });
      return value;
    } catch (err) {
      calls.push({ service: call.service, operation: call.operation, mutating: false, ok: false, attempts: 1, error: describeError(err) });
      throw err;
    }
  }

  return {
    budgetMs,
    read<T>(call: ContextCall, send: (abortSignal: AbortSignal) => Promise<T>): Promise<T> {
      const cached = cache.get(call.key);
      // The key names the call and its input, so a hit holds the same call's answer: the same T.
      if (cached) return cached as Promise<T>;
      startClock();
      const read = recorded(call, send);
      cache.set(call.key, read);
      return read;
    },
    close() {
      stop?.();
      if (!controller.signal.aborted) controller.abort(new ContextClosedError());
    },
  };
}
