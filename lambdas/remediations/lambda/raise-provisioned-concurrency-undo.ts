import { DeleteProvisionedConcurrencyConfigCommand, PutProvisionedConcurrencyConfigCommand } from '@aws-sdk/client-lambda';
import type { RemediationId } from '../../../lib/catalogue';
import { awsCall } from '../../runtime/aws-call';
import { lambdaClient } from '../../runtime/clients/lambda';
import { readProvisionedConcurrencyConfig } from './lambda-concurrency';
import { countParam, stringParam } from '../common/plan-params';
import type { AwsCallRecord, Plan, State } from '../../core/remediation';
import { alreadyRestored, expectRemediation, movedOn, recordedCount, recordedString, undoNoOp } from '../common/undo-plan';
import type { Undo } from '../../core/applied-action';

const ID = 'raise-provisioned-concurrency' satisfies RemediationId;

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
      () => lambdaClient.send(new DeleteProvisionedConcurrencyConfigCommand({ FunctionName: functionName, Qualifier: qualifier })),
      WRITE,
    );
    return true;
  } catch (err) {
    // A retry after a delete that went through lands here: the end state is the one asked for.
    if (err instanceof Error && GONE.has(err.name)) return false;
    throw err;
  }
}

const shown = (n: number) => (n === 0 ? 'none' : String(n));

/**
 * Puts the alias's provisioned concurrency back: the earlier value, or no configuration at all
 * when the raise started from none (a configuration cannot hold 0).
 */
export const undoRaiseProvisionedConcurrency: Undo<'lambda'> = {
  async plan(action, ctx): Promise<Plan> {
    expectRemediation(action, ID);
    const functionName = recordedString(action, 'params', 'functionName');
    const qualifier = recordedString(action, 'params', 'qualifier');
    const previous = recordedCount(action, 'before', 'provisionedConcurrency');
    const left = recordedCount(action, 'after', 'provisionedConcurrency');

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

  async apply(plan, ctx) {
    const functionName = stringParam(plan, 'functionName');
    const qualifier = stringParam(plan, 'qualifier');
    const requested = countParam(plan, 'provisionedConcurrency');
    const resource = `${functionName}:${qualifier}`;
    if (requested === 0) {
      const deleted = await deleteConfig(ctx.calls, functionName, qualifier);
      const summary = deleted ? `removed provisioned concurrency from ${resource}` : `${resource} already had no provisioned concurrency`;
      return { after: { provisionedConcurrency: 0, status: null }, summary };
    }
    const res = await awsCall(
      ctx.calls,
      'lambda',
      'PutProvisionedConcurrencyConfig',
      () =>
        lambdaClient.send(
          new PutProvisionedConcurrencyConfigCommand({ FunctionName: functionName, Qualifier: qualifier, ProvisionedConcurrentExecutions: requested }),
        ),
      WRITE,
    );
    const status = res.Status ?? null;
    return {
      after: { provisionedConcurrency: requested, status },
      summary: `requested provisioned concurrency ${requested} on ${resource}; allocation is ${status ?? 'unreported'}`,
    };
  },
};
