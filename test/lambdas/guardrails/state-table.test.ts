import { dynamodbClient } from '../../../lambdas/runtime/clients/dynamodb';
import { createGuardrails } from '../../../lambdas/guardrails';
import { stateTable } from '../../../lambdas/guardrails/state-table';

jest.mock('../../../lambdas/runtime/clients/dynamodb', () => ({ dynamodbClient: jest.fn(() => ({ shared: true })) }));
const made = jest.mocked(dynamodbClient);

describe('stateTable', () => {
  beforeEach(() => made.mockClear());

  it('takes the shared client when the table is first used, not when it is built', () => {
    const table = stateTable('ar-state');
    expect(made).not.toHaveBeenCalled();
    expect(table.client).toEqual({ shared: true });
    expect(made).toHaveBeenCalledTimes(1);
  });

  it('builds the guardrails without a client: a cold start whose notification never reaches the table makes none', () => {
    createGuardrails({ system: 'rung', family: 'lambda', modeParameter: '/ar/mode', stateTable: 'ar-state' });
    expect(made).not.toHaveBeenCalled();
  });
});
