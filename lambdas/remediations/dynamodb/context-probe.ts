import { ListTagsOfResourceCommand } from '@aws-sdk/client-dynamodb';
import type { ContextProbe } from '../../core/context';
import { dynamodbClient } from '../../runtime/clients/dynamodb';

/** What DynamoDB's own read-only API tells before acting (issue 14): the table's tags (the owning stack; first page). */
export const contextProbe: ContextProbe = {
  dynamodb: {
    async tags({ props: { name } }, where, budget) {
      const arn = `arn:aws:dynamodb:${where.region}:${where.account}:table/${name}`;
      const out = await budget.read({ service: 'dynamodb', operation: 'ListTagsOfResource', key: `dynamodb:ListTagsOfResource:${arn}` }, (abortSignal) =>
        dynamodbClient().send(new ListTagsOfResourceCommand({ ResourceArn: arn }), { abortSignal }),
      );
      return new Map((out.Tags ?? []).flatMap((t) => (t.Key === undefined ? [] : [[t.Key, t.Value ?? ''] as const])));
    },
  },
};
