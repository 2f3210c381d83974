import { ParamsError } from '../../../lambdas/core/params';
import { applyChange, applyUndo, NotReversibleError, planUndo, RecordMismatchError } from '../../../lambdas/core/run';
import { rebootRdsInstance } from '../../../lambdas/remediations/rds/reboot-rds-instance';
import { raiseReservedConcurrency } from '../../../lambdas/remediations/lambda/raise-reserved-concurrency';
import type { ChangePlan } from '../../../lambdas/core/remediation';
import { context, lambdaTarget } from '../remediations/fixtures';
import { rdsTarget, serviceContext } from '../remediations/service-fixtures';

const plan = (params: ChangePlan['params']): ChangePlan => ({
  kind: 'change',
  remediation: 'raise-reserved-concurrency',
  resource: 'rung-api-prod',
  summary: 'raise reserved concurrency of rung-api-prod from 10 to 20',
  before: { reservedConcurrency: 10 },
  after: { reservedConcurrency: 20 },
  params,
});

const action = { remediation: 'raise-reserved-concurrency', resource: 'rung-api-prod', before: { reservedConcurrency: 10 }, after: { reservedConcurrency: 20 }, params: { functionName: 'rung-api-prod' } } as const;

describe('running a remediation from what was recorded', () => {
  it('rejects, before any call, a plan whose params do not pass the remediation\'s schema', async () => {
    const ctx = context(lambdaTarget());
    await expect(applyChange(raiseReservedConcurrency, plan({ functionName: 'rung-api-prod' }), ctx)).rejects.toThrow(
      new ParamsError({ source: 'plan', remediation: 'raise-reserved-concurrency', resource: 'rung-api-prod', root: 'params' }, 'params.reservedConcurrency', 'a non-negative integer', undefined),
    );
    expect(ctx.calls).toEqual([]);
  });

  it('rejects an undo plan whose params do not pass the undo\'s schema', async () => {
    await expect(applyUndo(raiseReservedConcurrency, plan({ functionName: 'rung-api-prod', reservedConcurrency: 'ten' }), context(lambdaTarget()))).rejects.toThrow(
      'plan of raise-reserved-concurrency on rung-api-prod: params.reservedConcurrency must be a non-negative integer, got "ten"',
    );
  });

  it('refuses to undo with another remediation\'s undo, or one that has none', async () => {
    const ctx = context(lambdaTarget());
    await expect(planUndo(raiseReservedConcurrency, { ...action, remediation: 'raise-provisioned-concurrency' }, ctx)).rejects.toThrow(RecordMismatchError);
    await expect(planUndo(rebootRdsInstance, { ...action, remediation: 'reboot-rds-instance' }, serviceContext(rdsTarget(), 'database-connections'))).rejects.toThrow(
      new NotReversibleError('reboot-rds-instance'),
    );
    expect(ctx.calls).toEqual([]);
  });
});
