import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { listenLocal } from './local-server';

export interface LocalDynamo {
  readonly client: DynamoDBClient;
  /** `http://127.0.0.1:PORT`, for clients of the test's own (a fake endpoint passing calls through). */
  readonly url: string;
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
  const local = await listenLocal(server);
  const client = new DynamoDBClient({
    endpoint: local.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    // A failed call must fail the test, not be retried into passing.
    maxAttempts: 1,
  });
  try {
    await createStateTable(client, tableName);
  } catch (err) {
    client.destroy();
    await local.close();
    throw err;
  }
  let tables = 0;
  return {
    client,
    url: local.url,
    tableName,
    async newTable() {
      const name = `${tableName}-${++tables}`;
      await createStateTable(client, name);
      return name;
    },
    async close() {
      // The client first (destroying its sockets), so nothing sends while the server and its database close.
      client.destroy();
      await local.close();
    },
  };
}
