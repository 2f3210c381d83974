import { DeleteProvisionedConcurrencyConfigCommand, PutProvisionedConcurrencyConfigCommand } from '@aws-sdk/client-lambda';
import { int, object, str } from '../../core/params';
import type { AwsCallRecord } from '../../core/record';
import { defineRemediation, type Plan } from '../../core/remediation';
import type { State } from '../../core/state';
import { awsCall, type CallOptions } from '../../runtime/aws-call';
import { lambdaClient } from '../../runtime/clients/lambda';
import { boundedRaise, limitedBySuffix, type Limit } from '../common/bounded-raise';
import { alreadyRestored, movedOn, undoNoOp } from '../common/undo-reasons';
import {
  accountLimit,
  NO_ACCOUNT_LIMIT_REASON,
  readProvisionedConcurrencyConfig,
  readReservedConcurrency,
  readUnreservedConcurrency,
} from './lambda-concurrency';

const ID = 'raise-provisioned-concurrency';

/** The alias and the absolute provisioned concurrency to request: the raise's params, and its undo's (0: none). */
const provisionedParams = object({ functionName: str(), qualifier: str(), provisionedConcurrency: int() });

/** Put and delete may meet an allocation still in progress; both are absolute, so a retry is safe. */
const WRITE = { mutating: true, idempotent: true, retryOn: ['ResourceConflictException'] } as const;

/** Missing configuration, or a function gone with it: either way nothing is provisioned any more. */
const GONE = new Set(['ResourceNotFoundException', 'ProvisionedConcurrencyConfigNotFoundException']);

async function deleteConfig(calls: AwsCallRecord[], functionName: string, qualifier: string): Promise<boolean> {
  try {
    await awsCall(
      calls,
      'lambda',
      'DeleteProvisionedConcurrencyConfig',
      () => lambdaClient().send(new DeleteProvisionedConcurrencyConfigCommand({ FunctionName: functionName, Qualifier: qualifier })),
      WRITE,
    );
    return true;
  } catch (err) {
    // A retry after a delete that went through lands here: the end state is the one asked for.
    if (err instanceof Error && GONE.has(err.name)) return false;
    throw err;
  }
}

/** Requests an absolute provisioned concurrency on the alias; returns the allocation status AWS reports. */
async function putProvisioned(calls: AwsCallRecord[], functionName: string, qualifier: string, requested: number, options: CallOptions): Promise<string | null> {
  const res = await awsCall(
    calls,
    'lambda',
    'PutProvisionedConcurrencyConfig',
    () => lambdaClient().send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: functionName, Qualifier: qualifier, ProvisionedConcurrentExecutions: requested })),
    options,
  );
  return res.Status ?? null;
}

const shown = (n: number) => (n === 0 ? 'none' : String(n));

/** Raises provisioned concurrency on the target's alias by a step, within the cap and AWS's limits. */
export const raiseProvisionedConcurrency = defineRemediation({
  id: ID,
  targetType: 'lambda',
  params: provisionedParams,

  async plan(ctx) {
    const { name, alias } = ctx.target.props;
    const caps = ctx.target.caps;
    if (alias === undefined) {
      return {
        kind: 'no-op',
        remediation: ID,
        resource: name,
        before: {},
        reason:
          `${name} has no alias configured: provisioned concurrency needs an alias and is never set on $LATEST; ` +
          'add "alias" to the target in the configuration',
      };
    }
    const resource = `${name}:${alias}`;
    const noOp = (reason: string, before: State): Plan<never> => ({ kind: 'no-op', remediation: ID, resource, reason, before });

    const config = await readProvisionedConcurrencyConfig(ctx.calls, name, alias);
    const current = config?.RequestedProvisionedConcurrentExecutions ?? 0;
    const status = config?.Status ?? null;
    if (status === 'IN_PROGRESS') {
      return noOp(
        `an allocation is in progress on ${resource} (${current} requested): raising again before it is READY would stack requests`,
        { provisionedConcurrency: current, status },
      );
    }

    const reserved = await readReservedConcurrency(ctx.calls, name);
    const unreserved = await readUnreservedConcurrency(ctx.calls);
    const before: State = {
      provisionedConcurrency: current,
      allocatedProvisionedConcurrency: config?.AllocatedProvisionedConcurrentExecutions ?? 0,
      status,
      statusReason: config?.StatusReason ?? null,
      reservedConcurrency: reserved ?? null,
      unreservedAccountConcurrency: unreserved ?? null,
    };
    if (unreserved === undefined) return noOp(NO_ACCOUNT_LIMIT_REASON, before);

    const limits: Limit[] = [
      { value: caps.maxProvisionedConcurrency, name: `the configured cap maxProvisionedConcurrency (${caps.maxProvisionedConcurrency})` },
    ];
    // Provisioned concurrency runs inside a reservation: AWS rejects more than the function reserves.
    if (reserved !== undefined) limits.push({ value: reserved, name: `the function's reserved concurrency (${reserved})` });
    // UnreservedConcurrentExecutions excludes only reservations, so this alias's provisioned
    // concurrency is not added back: the limit applies to the new total.
    limits.push(accountLimit(unreserved, 0));

    const raise = boundedRaise(current, current + caps.provisionedConcurrencyStep, limits);
    if (raise.kind === 'at-limit') {
      return noOp(`provisioned concurrency on ${resource} is ${current}, already at ${raise.limit.name}`, before);
    }
    return {
      kind: 'change',
      remediation: ID,
      resource,
      summary: `raise provisioned concurrency on ${resource} from ${current} to ${raise.value}${limitedBySuffix(raise)}`,
      before,
      after: { provisionedConcurrency: raise.value },
      params: { functionName: name, qualifier: alias, provisionedConcurrency: raise.value },
    };
  },

  async apply({ functionName, qualifier, provisionedConcurrency: requested }, ctx) {
    // An absolute value: sending it twice leaves the same configuration.
    const status = await putProvisioned(ctx.calls, functionName, qualifier, requested, { mutating: true, idempotent: true });
    return {
      after: { provisionedConcurrency: requested, status },
      summary:
        `requested provisioned concurrency ${requested} on ${functionName}:${qualifier}; ` +
        `allocation is ${status ?? 'unreported'} (READY comes later)`,
    };
  },

  /**
   * Puts the alias's provisioned concurrency back: the earlier value, or no configuration at all
   * when the raise started from none (a configuration cannot hold 0).
   */
  undo: {
    recorded: object({
      params: object({ functionName: str(), qualifier: str() }),
      before: object({ provisionedConcurrency: int() }),
      after: object({ provisionedConcurrency: int() }),
    }),
    params: provisionedParams,

    async plan({ params: { functionName, qualifier }, before: { provisionedConcurrency: previous }, after: { provisionedConcurrency: left } }, action, ctx) {
      const config = await readProvisionedConcurrencyConfig(ctx.calls, functionName, qualifier);
      const current = config?.RequestedProvisionedConcurrentExecutions ?? 0;
      const before: State = { provisionedConcurrency: current, status: config?.Status ?? null };
      const what = `provisioned concurrency on ${action.resource}`;
      if (current === previous) return undoNoOp(action, before, alreadyRestored(what, shown(previous)));
      if (current !== left) return undoNoOp(action, before, movedOn(what, shown(current), String(left), shown(previous)));

      const summary =
        previous === 0
          ? `undo: remove provisioned concurrency (${left}) from ${action.resource}, which had none before`
          : `undo: lower provisioned concurrency on ${action.resource} from ${left} back to ${previous}`;
      return {
        kind: 'change',
        remediation: ID,
        resource: action.resource,
        summary,
        before,
        after: { provisionedConcurrency: previous },
        params: { functionName, qualifier, provisionedConcurrency: previous },
      };
    },

    async apply({ functionName, qualifier, provisionedConcurrency: requested }, ctx) {
      const resource = `${functionName}:${qualifier}`;
      if (requested === 0) {
        const deleted = await deleteConfig(ctx.calls, functionName, qualifier);
        const summary = deleted ? `removed provisioned concurrency from ${resource}` : `${resource} already had no provisioned concurrency`;
        return { after: { provisionedConcurrency: 0, status: null }, summary };
      }
      const status = await putProvisioned(ctx.calls, functionName, qualifier, requested, WRITE);
      return {
        after: { provisionedConcurrency: requested, status },
        summary: `requested provisioned concurrency ${requested} on ${resource}; allocation is ${status ?? 'unreported'}`,
      };
    },
  },
});
