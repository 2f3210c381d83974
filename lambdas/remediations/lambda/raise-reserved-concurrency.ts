import { PutFunctionConcurrencyCommand } from '@aws-sdk/client-lambda';
import { int, object, str, type Infer } from '../../core/params';
import { defineRemediation, type ApplyResult, type Plan, type RemediationContext } from '../../core/remediation';
import type { State } from '../../core/state';
import { awsCall } from '../../runtime/aws-call';
import { lambdaClient } from '../../runtime/clients/lambda';
import { boundedRaise, limitedBySuffix } from '../common/bounded-raise';
import { alreadyRestored, movedOn, undoNoOp } from '../common/undo-reasons';
import {
  accountLimit,
  NO_ACCOUNT_LIMIT_REASON,
  readReservedConcurrency,
  readUnreservedConcurrency,
} from './lambda-concurrency';

const ID = 'raise-reserved-concurrency';

/** The function and the absolute reservation to set: the raise's params, and its undo's. */
const reservationParams = object({ functionName: str(), reservedConcurrency: int() });

export const NO_RESERVATION_REASON =
  'no reserved concurrency: creating one would cap the function below the unreserved pool';

/** Sets the absolute reservation: the raise and its undo alike. */
async function setReservation({ functionName, reservedConcurrency: requested }: Infer<typeof reservationParams>, ctx: RemediationContext<'lambda'>): Promise<ApplyResult> {
  const res = await awsCall(
    ctx.calls,
    'lambda',
    'PutFunctionConcurrency',
    () =>
      lambdaClient().send(
        new PutFunctionConcurrencyCommand({ FunctionName: functionName, ReservedConcurrentExecutions: requested }),
      ),
    // An absolute value: sending it twice leaves the same reservation.
    { mutating: true, idempotent: true },
  );
  const reserved = res.ReservedConcurrentExecutions ?? requested;
  return { after: { reservedConcurrency: reserved }, summary: `reserved concurrency of ${functionName} set to ${reserved}` };
}

/** Raises an existing reserved concurrency by a step, within the cap and the account limit. */
export const raiseReservedConcurrency = defineRemediation({
  id: ID,
  targetType: 'lambda',
  params: reservationParams,

  async plan(ctx) {
    const { name } = ctx.target.props;
    const caps = ctx.target.caps;
    const noOp = (reason: string, before: State): Plan<never> => ({ kind: 'no-op', remediation: ID, resource: name, reason, before });

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

  apply: setReservation,

  /**
   * Puts the reservation back to its value before the raise. Lowering a reservation always fits
   * the account limit, so only "is it still what the raise left" is checked.
   */
  undo: {
    recorded: object({
      params: object({ functionName: str() }),
      before: object({ reservedConcurrency: int() }),
      after: object({ reservedConcurrency: int() }),
    }),
    params: reservationParams,

    async plan({ params: { functionName }, before: { reservedConcurrency: previous }, after: { reservedConcurrency: left } }, action, ctx) {
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
    apply: setReservation,
  },
});
