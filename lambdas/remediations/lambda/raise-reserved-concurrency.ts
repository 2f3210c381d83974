import { PutFunctionConcurrencyCommand } from '@aws-sdk/client-lambda';
import type { RemediationId } from '../../../lib/catalogue';
import { awsCall } from '../../runtime/aws-call';
import { lambdaClient } from '../../runtime/clients/lambda';
import { boundedRaise, limitedBySuffix } from '../common/bounded-raise';
import {
  accountLimit,
  NO_ACCOUNT_LIMIT_REASON,
  readReservedConcurrency,
  readUnreservedConcurrency,
} from './lambda-concurrency';
import { countParam, stringParam } from '../common/plan-params';
import type { Plan, Remediation, State } from '../../core/remediation';
import { alreadyRestored, expectRemediation, movedOn, recordedCount, recordedString, undoNoOp } from '../common/undo-plan';
import type { Undo } from '../../core/applied-action';

const ID = 'raise-reserved-concurrency' satisfies RemediationId;

export const NO_RESERVATION_REASON =
  'no reserved concurrency: creating one would cap the function below the unreserved pool';

/**
 * Puts the reservation back to its value before the raise. Lowering a reservation always fits
 * the account limit, so only "is it still what the raise left" is checked.
 */
const undo: Undo<'lambda'> = {
  async plan(action, ctx): Promise<Plan> {
    expectRemediation(action, ID);
    const functionName = recordedString(action, 'params', 'functionName');
    const previous = recordedCount(action, 'before', 'reservedConcurrency');
    const left = recordedCount(action, 'after', 'reservedConcurrency');
    const current = await readReservedConcurrency(ctx.calls, functionName);
    const before: State = { reservedConcurrency: current ?? null };
    const what = `reserved concurrency of ${functionName}`;
    if (current === previous) return undoNoOp(action, before, alreadyRestored(what, String(previous)));
    if (current !== left) {
      return undoNoOp(action, before, movedOn(what, current === undefined ? 'none' : String(current), String(left), String(previous)));
    }
    return {
      kind: 'change',
      remediation: ID,
      resource: action.resource,
      summary: `undo: lower reserved concurrency of ${functionName} from ${left} back to ${previous}`,
      before,
      after: { reservedConcurrency: previous },
      params: { functionName, reservedConcurrency: previous },
    };
  },
  // The same absolute put as the raise, with the earlier value.
  apply: (plan, ctx) => raiseReservedConcurrency.apply(plan, ctx),
};

/** Raises an existing reserved concurrency by a step, within the cap and the account limit. */
export const raiseReservedConcurrency: Remediation<'lambda'> = {
  id: ID,
  targetType: 'lambda',
  undo,

  async plan(ctx): Promise<Plan> {
    const { name } = ctx.target.props;
    const caps = ctx.target.caps;
    const noOp = (reason: string, before: State): Plan => ({ kind: 'no-op', remediation: ID, resource: name, reason, before });

    const reserved = await readReservedConcurrency(ctx.calls, name);
    if (reserved === undefined) return noOp(NO_RESERVATION_REASON, { reservedConcurrency: null });
    if (reserved === 0) {
      // Reserved concurrency 0 is how a function is switched off on purpose; raising it would undo that.
      return noOp(`reserved concurrency of ${name} is 0: the function has been throttled on purpose, so it is left off`, {
        reservedConcurrency: 0,
      });
    }

    const unreserved = await readUnreservedConcurrency(ctx.calls);
    const before: State = { reservedConcurrency: reserved, unreservedAccountConcurrency: unreserved ?? null };
    if (unreserved === undefined) return noOp(NO_ACCOUNT_LIMIT_REASON, before);

    const raise = boundedRaise(reserved, reserved + caps.reservedConcurrencyStep, [
      { value: caps.maxReservedConcurrency, name: `the configured cap maxReservedConcurrency (${caps.maxReservedConcurrency})` },
      // The current reservation is already outside the unreserved pool: it comes back when replaced.
      accountLimit(unreserved, reserved),
    ]);
    if (raise.kind === 'at-limit') {
      return noOp(`reserved concurrency of ${name} is ${reserved}, already at ${raise.limit.name}`, before);
    }
    return {
      kind: 'change',
      remediation: ID,
      resource: name,
      summary: `raise reserved concurrency of ${name} from ${reserved} to ${raise.value}${limitedBySuffix(raise)}`,
      before,
      after: { reservedConcurrency: raise.value },
      params: { functionName: name, reservedConcurrency: raise.value },
    };
  },

  async apply(plan, ctx) {
    const functionName = stringParam(plan, 'functionName');
    const requested = countParam(plan, 'reservedConcurrency');
    const res = await awsCall(
      ctx.calls,
      'lambda',
      'PutFunctionConcurrency',
      () =>
        lambdaClient.send(
          new PutFunctionConcurrencyCommand({ FunctionName: functionName, ReservedConcurrentExecutions: requested }),
        ),
      // An absolute value: sending it twice leaves the same reservation.
      { mutating: true, idempotent: true },
    );
    const reserved = res.ReservedConcurrentExecutions ?? requested;
    return { after: { reservedConcurrency: reserved }, summary: `reserved concurrency of ${functionName} set to ${reserved}` };
  },
};
