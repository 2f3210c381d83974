import { countParam, PlanParamsError, stringParam } from '../../../../lambdas/remediations/common/plan-params';
import type { ChangePlan } from '../../../../lambdas/core/remediation';

function planWith(params: ChangePlan['params']): ChangePlan {
  return {
    kind: 'change',
    remediation: 'double-lambda-memory',
    resource: 'rung-api-prod',
    summary: 'raise memory size of rung-api-prod from 256 to 512 MB',
    before: {},
    after: {},
    params,
  };
}

describe('plan params', () => {
  it('reads strings and counts', () => {
    const plan = planWith({ functionName: 'rung-api-prod', memoryMb: 512 });

    expect(stringParam(plan, 'functionName')).toBe('rung-api-prod');
    expect(countParam(plan, 'memoryMb')).toBe(512);
  });

  it('fails naming the plan, the key and what it got when a string is missing or empty', () => {
    expect(() => stringParam(planWith({}), 'functionName')).toThrow(
      new PlanParamsError(planWith({}), 'functionName', 'a non-empty string'),
    );
    expect(() => stringParam(planWith({ functionName: '' }), 'functionName')).toThrow(
      'plan of double-lambda-memory on rung-api-prod: params.functionName must be a non-empty string, got ""',
    );
  });

  it.each([['512'], [-1], [1.5], [null]])('fails when a count is %p', (value) => {
    expect(() => countParam(planWith({ memoryMb: value }), 'memoryMb')).toThrow(PlanParamsError);
  });

  it('says "nothing" when the key is absent', () => {
    expect(() => countParam(planWith({}), 'memoryMb')).toThrow('params.memoryMb must be a non-negative integer, got nothing');
  });
});
