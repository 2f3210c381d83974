import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { appliedItems, type AppliedRecord } from '../../../lambdas/guardrails/applied-items';
import { stateKeys, stateTable, type StateTable } from '../../../lambdas/guardrails/state-table';
import { startDynalite, type LocalDynamo } from '../../helpers/dynalite';

let dynamo: LocalDynamo;
let table: StateTable;
beforeAll(async () => {
  dynamo = await startDynalite();
  table = stateTable(dynamo.tableName, dynamo.client);
});
afterAll(() => dynamo.close());

const applied: AppliedRecord = {
  recordId: '3f2b8c1e-9a4d-4e6f-8b2a-1c0d9e8f7a6b',
  system: 'rung',
  family: 'lambda',
  status: 'applied',
  appliedAt: '2026-11-23T03:13:00.000Z',
  alarm: { name: 'ar-rung-lambda-throttles-rung-api-prod', region: 'us-east-1', account: '123456789012' },
  alertKind: 'lambda-throttles',
  actions: [
    {
      targetKey: 'rung-api-prod',
      action: { remediation: 'raise-reserved-concurrency', resource: 'rung-api-prod', before: { reservedConcurrency: 10 }, after: { reservedConcurrency: 20 }, params: { functionName: 'rung-api-prod', reservedConcurrency: 20 } },
    },
  ],
};

describe('appliedItems', () => {
  it('reads back what the responder wrote, kept for the undo window', async () => {
    const items = appliedItems(table);
    await items.write(applied);
    expect(await items.read(applied.recordId)).toEqual(applied);
  });

  it.each([
    ['the MAC of the signed record', { alg: 'HMAC_SHA_256', keyId: 'arn:aws:kms:us-east-1:123456789012:key/k', mac: 'bWFj' } as const],
    ['why the record was written unsigned', { unsigned: 'KMS GenerateMac failed: ThrottlingException' }],
  ])('item 10: keeps %s for undo to name', async (_what, integrity) => {
    const items = appliedItems(table);
    const recordId = integrity && 'mac' in integrity ? '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d' : '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1e';
    await items.write({ ...applied, recordId, integrity });
    expect((await items.read(recordId))?.integrity).toEqual(integrity);
  });

  it('finds nothing for a record it never wrote', async () => {
    expect(await appliedItems(table).read('0b7c1a52-3f7e-4b8e-9c35-6a1d2e4f5a6b')).toBeUndefined();
  });

  it('refuses an item of the wrong shape, naming the field', async () => {
    const id = '7d1f0c3a-5b2e-4a9d-8c7b-6e5f4d3c2b1a';
    const body = JSON.stringify({ actions: [{ targetKey: 'rung-api-prod', action: { remediation: 'format-disk', resource: 'x', before: {}, after: {}, params: {} } }] });
    await dynamo.client.send(
      new PutItemCommand({
        TableName: table.tableName,
        Item: { id: { S: stateKeys.applied(id) }, system: { S: 'rung' }, family: { S: 'lambda' }, status: { S: 'applied' }, appliedAt: { S: applied.appliedAt }, record: { S: body } },
      }),
    );
    await expect(appliedItems(table).read(id)).rejects.toThrow(/record\.actions\[0\]\.action\.remediation must be/);
  });
});
