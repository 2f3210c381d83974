import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';

export interface LocalDynamo {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** Another empty state table, for tests that must not share state; returns its name. */
  newTable(): Promise<string>;
  close(): Promise<void>;
}

function createStateTable(client: DynamoDBClient, tableName: string) {
  return client.send(
    new CreateTableCommand({
      TableName: tableName,
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
}

/**
 * An in-process DynamoDB (dynalite, in memory) on 127.0.0.1 and a free port, with the guardrails'
 * state table (`id` (S), PAY_PER_REQUEST) created. Call `close` in afterAll.
 */
export async function startDynalite(tableName = 'ar-state'): Promise<LocalDynamo> {
  const server = dynalite({ createTableMs: 0, updateTableMs: 0, deleteTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    // A failed call must fail the test, not be retried into passing.
    maxAttempts: 1,
  });
  await createStateTable(client, tableName);
  let tables = 0;
  return {
    client,
    tableName,
    async newTable() {
      const name = `${tableName}-${++tables}`;
      await createStateTable(client, name);
      return name;
    },
    async close() {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
