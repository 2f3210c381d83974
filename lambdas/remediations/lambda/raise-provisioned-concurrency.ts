import { PutProvisionedConcurrencyConfigCommand } from '@aws-sdk/client-lambda';
import type { RemediationId } from '../../../lib/catalogue';
import { awsCall } from '../../runtime/aws-call';
import { lambdaClient } from '../../runtime/clients/lambda';
import { boundedRaise, limitedBySuffix, type Limit } from '../common/bounded-raise';
import {
  accountLimit,
  NO_ACCOUNT_LIMIT_REASON,
  readProvisionedConcurrencyConfig,
  readReservedConcurrency,
  readUnreservedConcurrency,
} from './lambda-concurrency';
import { countParam, stringParam } from '../common/plan-params';
import { undoRaiseProvisionedConcurrency } from './raise-provisioned-concurrency-undo';
import type { Plan, Remediation, State } from '../../core/remediation';

const ID = 'raise-provisioned-concurrency' satisfies RemediationId;

/** Raises provisioned concurrency on the target's alias by a step, within the cap and AWS's limits. */
export const raiseProvisionedConcurrency: Remediation<'lambda'> = {
  id: ID,
  targetType: 'lambda',
  undo: undoRaiseProvisionedConcurrency,

  async plan(ctx): Promise<Plan> {
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
    const noOp = (reason: string, before: State): Plan => ({ kind: 'no-op', remediation: ID, resource, reason, before });

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

  async apply(plan, ctx) {
    const functionName = stringParam(plan, 'functionName');
    const qualifier = stringParam(plan, 'qualifier');
    const requested = countParam(plan, 'provisionedConcurrency');
    const res = await awsCall(
      ctx.calls,
      'lambda',
      'PutProvisionedConcurrencyConfig',
      () =>
        lambdaClient.send(
          new PutProvisionedConcurrencyConfigCommand({
            FunctionName: functionName,
            Qualifier: qualifier,
            ProvisionedConcurrentExecutions: requested,
          }),
        ),
      // An absolute value: sending it twice leaves the same configuration.
      { mutating: true, idempotent: true },
    );
    const status = res.Status ?? null;
    return {
      after: { provisionedConcurrency: requested, status },
      summary:
        `requested provisioned concurrency ${requested} on ${functionName}:${qualifier}; ` +
        `allocation is ${status ?? 'unreported'} (READY comes later)`,
    };
  },
};
