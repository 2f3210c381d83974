import {
  GetAliasCommand,
  GetFunctionConfigurationCommand,
  PublishVersionCommand,
  UpdateAliasCommand,
  UpdateFunctionConfigurationCommand,
  type AliasConfiguration,
  type FunctionConfiguration,
  type GetFunctionConfigurationRequest,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { doubleLambdaMemory } from '../../../../lambdas/remediations/lambda/double-lambda-memory';
import { doubleLambdaTimeout } from '../../../../lambdas/remediations/lambda/double-lambda-timeout';
import type { Remediation } from '../../../../lambdas/core/remediation';

export type LambdaMock = AwsClientStub<LambdaClient>;

/** The code rung's alias `prod` serves (version 7), and `$LATEST` holds unless a test says otherwise. */
export const RELEASED_CODE = 'released-code-sha256=';
export const SERVED_VERSION = '7';
export const ALIAS_REVISION = 'alias-revision-1';

/** The memory and timeout remediations, as the alias tests run both. */
export interface AliasCase {
  readonly remediation: Remediation<'lambda'>;
  readonly label: string;
  readonly unit: string;
  readonly key: 'memoryMb' | 'timeoutSeconds';
  readonly latestKey: 'latestMemoryMb' | 'latestTimeoutSeconds';
  readonly field: 'MemorySize' | 'Timeout';
  /** Served by version 7, doubled, and a value someone set on `$LATEST` since. */
  readonly values: readonly [number, number, number];
}

export const ALIAS_CASES: readonly AliasCase[] = [
  { remediation: doubleLambdaMemory, label: 'memory size', unit: 'MB', key: 'memoryMb', latestKey: 'latestMemoryMb', field: 'MemorySize', values: [256, 512, 1024] },
  { remediation: doubleLambdaTimeout, label: 'timeout', unit: 's', key: 'timeoutSeconds', latestKey: 'latestTimeoutSeconds', field: 'Timeout', values: [3, 6, 30] },
];

/** One configuration of rung-api-prod: version 7 and `$LATEST` share all of it unless overridden. */
export function functionConfig(overrides: FunctionConfiguration = {}): FunctionConfiguration {
  return {
    FunctionName: 'rung-api-prod',
    MemorySize: 256,
    Timeout: 3,
    Runtime: 'nodejs20.x',
    Handler: 'index.handler',
    Environment: { Variables: { STAGE: 'prod', TABLE: 'rung' } },
    Layers: [{ Arn: 'arn:aws:lambda:us-east-1:123456789012:layer:otel:3', CodeSize: 100 }],
    CodeSha256: RELEASED_CODE,
    State: 'Active',
    LastUpdateStatus: 'Successful',
    ...overrides,
  };
}

export function givenAlias(mock: LambdaMock, overrides: AliasConfiguration = {}): void {
  mock.on(GetAliasCommand).resolves({ Name: 'prod', FunctionVersion: SERVED_VERSION, RevisionId: ALIAS_REVISION, ...overrides });
}

/**
 * Version 7's configuration, and `$LATEST`'s as successive unqualified reads return it (the
 * plan's read, then apply's polls); the last one repeats.
 */
export function givenConfigs(mock: LambdaMock, served: FunctionConfiguration, ...latest: FunctionConfiguration[]): void {
  let read = 0;
  mock.on(GetFunctionConfigurationCommand).callsFake((input: GetFunctionConfigurationRequest) => {
    // Read through the alias: the version it serves (SERVED_VERSION unless `served` says otherwise).
    if (input.Qualifier !== undefined) return { Version: SERVED_VERSION, ...served };
    const config = latest[Math.min(read, latest.length - 1)];
    read += 1;
    return { ...config, Version: '$LATEST' };
  });
}

/** Fails the test if the mock received any command that changes the function or its alias. */
export function expectNoLambdaChange(mock: LambdaMock): void {
  // One by one: the matcher does not take a union of command classes.
  expect(mock).not.toHaveReceivedCommand(UpdateFunctionConfigurationCommand);
  expect(mock).not.toHaveReceivedCommand(PublishVersionCommand);
  expect(mock).not.toHaveReceivedCommand(UpdateAliasCommand);
}
