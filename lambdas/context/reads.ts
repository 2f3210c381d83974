import { DescribeStacksCommand, type Stack } from '@aws-sdk/client-cloudformation';
import { ListTagsOfResourceCommand } from '@aws-sdk/client-dynamodb';
import { DescribeServicesCommand, type Service } from '@aws-sdk/client-ecs';
import { GetAliasCommand, ListTagsCommand, type GetAliasCommandOutput } from '@aws-sdk/client-lambda';
import { cloudformationClient } from '../runtime/clients/cloudformation';
import { dynamodbClient } from '../runtime/clients/dynamodb';
import { ecsClient } from '../runtime/clients/ecs';
import { lambdaClient } from '../runtime/clients/lambda';
import type { ContextBudget } from './budget';

/** Where the target lives: its ARNs are built from these. */
export interface Where {
  readonly account: string;
  readonly region: string;
}

/** Tags as a map. */
export type Tags = ReadonlyMap<string, string>;

const tagsOf = (pairs: ReadonlyArray<{ readonly key?: string; readonly value?: string }>): Tags =>
  new Map(pairs.flatMap((t) => (t.key === undefined ? [] : [[t.key, t.value ?? ''] as const])));

/**
 * The ECS service with its tags: DescribeServices with `include: ['TAGS']` returns them
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DescribeServices.html, "include").
 * One call serves both the owning stack and the rollout.
 */
export function ecsService(budget: ContextBudget, cluster: string, service: string): Promise<Service | undefined> {
  return budget
    .read({ service: 'ecs', operation: 'DescribeServices', key: `ecs:DescribeServices:${cluster}/${service}:TAGS` }, (abortSignal) =>
      ecsClient().send(new DescribeServicesCommand({ cluster, services: [service], include: ['TAGS'] }), { abortSignal }),
    )
    .then((out) => out.services?.[0]);
}

/** A Lambda function's tags: ListTags takes the function's ARN. */
export function lambdaTags(budget: ContextBudget, where: Where, name: string): Promise<Tags> {
  const arn = `arn:aws:lambda:${where.region}:${where.account}:function:${name}`;
  return budget
    .read({ service: 'lambda', operation: 'ListTags', key: `lambda:ListTags:${arn}` }, (abortSignal) => lambdaClient().send(new ListTagsCommand({ Resource: arn }), { abortSignal }))
    .then((out) => new Map(Object.entries(out.Tags ?? {})));
}

/** A DynamoDB table's tags (the first page: CloudFormation's own tags are among them or the table has few). */
export function dynamodbTags(budget: ContextBudget, where: Where, name: string): Promise<Tags> {
  const arn = `arn:aws:dynamodb:${where.region}:${where.account}:table/${name}`;
  return budget
    .read({ service: 'dynamodb', operation: 'ListTagsOfResource', key: `dynamodb:ListTagsOfResource:${arn}` }, (abortSignal) =>
      dynamodbClient().send(new ListTagsOfResourceCommand({ ResourceArn: arn }), { abortSignal }),
    )
    .then((out) => new Map((out.Tags ?? []).flatMap((t) => (t.Key === undefined ? [] : [[t.Key, t.Value ?? ''] as const]))));
}

export const ecsTags = (service: Service | undefined): Tags => tagsOf(service?.tags ?? []);

export function lambdaAlias(budget: ContextBudget, name: string, alias: string): Promise<GetAliasCommandOutput> {
  return budget.read({ service: 'lambda', operation: 'GetAlias', key: `lambda:GetAlias:${name}:${alias}` }, (abortSignal) =>
    lambdaClient().send(new GetAliasCommand({ FunctionName: name, Name: alias }), { abortSignal }),
  );
}

/** The stack by name, or undefined where it is gone. */
export function describeStack(budget: ContextBudget, stackName: string): Promise<Stack | undefined> {
  return budget
    .read({ service: 'cloudformation', operation: 'DescribeStacks', key: `cloudformation:DescribeStacks:${stackName}` }, (abortSignal) =>
      cloudformationClient().send(new DescribeStacksCommand({ StackName: stackName }), { abortSignal }),
    )
    .then((out) => out.Stacks?.[0]);
}
