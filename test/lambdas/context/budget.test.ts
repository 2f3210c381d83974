import { ContextBudgetSpentError, contextBudget, type StartTimer } from '../../../lambdas/context/budget';
import { deployingHold } from '../../../lambdas/context/holds';
import type { AwsCallRecord } from '../../../lambdas/core/record';

/** A clock the test expires by hand: no real time passes. */
function manualClock() {
  const clock: { expire?: () => void; stops: number; ms?: number } = { stops: 0 };
  const start: StartTimer = (ms, expire) => {
    clock.ms = ms;
    clock.expire = expire;
    return () => (clock.stops += 1);
  };
  return { clock, start };
}

const call = { service: 'cloudtrail', operation: 'LookupEvents', key: 'k' };

describe('the context budget', () => {
  it('makes the same read once per invocation (cache), listing it once', async () => {
    const calls: AwsCallRecord[] = [];
    const { start } = manualClock();
    const budget = contextBudget({ budgetMs: 2000, calls, startTimer: start });
    let sent = 0;
    const send = async () => (sent += 1);
    await expect(Promise.all([budget.read(call, send), budget.read(call, send)])).resolves.toEqual([1, 1]);
    expect(sent).toBe(1);
    expect(calls).toEqual([{ service: 'cloudtrail', operation: 'LookupEvents', mutating: false, ok: true, attempts: 1 }]);
    budget.close();
  });

  it('aborts a read still pending when the budget runs out: the SDK gets the signal, the read rejects, later reads are not sent', async () => {
    const calls: AwsCallRecord[] = [];
    const { clock, start } = manualClock();
    const budget = contextBudget({ budgetMs: 50, calls, startTimer: start });
    let signal: AbortSignal | undefined;
    const pending = budget.read(call, (abortSignal) => {
      signal = abortSignal;
      return new Promise<never>(() => undefined);
    });
    expect(clock.ms).toBe(50);
    clock.expire?.();
    await expect(pending).rejects.toBeInstanceOf(ContextBudgetSpentError);
    expect(signal?.aborted).toBe(true);
    let sentLater = false;
    await expect(budget.read({ ...call, key: 'other' }, async () => (sentLater = true))).rejects.toBeInstanceOf(ContextBudgetSpentError);
    expect(sentLater).toBe(false);
    expect(calls).toEqual([expect.objectContaining({ ok: false, error: 'ContextBudgetSpentError: the context budget of 50 ms was spent' })]);
    budget.close();
    expect(clock.stops).toBe(1);
  });
});

describe('the deploying hold', () => {
  const context = { deployments: [{ resource: 'r', kind: 'stack' as const, what: 'CloudFormation stack s (UPDATE_IN_PROGRESS), which owns F' }], recentChanges: [], drift: [], unavailable: [] };

  it('waits for its re-check without paging, but a P0 pages at once', () => {
    expect(deployingHold(context, 'r', 15, 'P1')).toMatchObject({ code: 'deploying', escalate: false, recheckAfterMinutes: 15 });
    expect(deployingHold(context, 'r', 15, 'P0')).toMatchObject({ code: 'deploying', escalate: true, reason: expect.stringContaining('(P0: people told now)') });
  });

  it('holds only the resource the deployment changes', () => {
    expect(deployingHold(context, 'other', 15, 'P1')).toBeUndefined();
  });
});
