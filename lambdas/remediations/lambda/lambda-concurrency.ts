import {
  GetAccountSettingsCommand,
  GetFunctionConcurrencyCommand,
  GetProvisionedConcurrencyConfigCommand,
  type GetProvisionedConcurrencyConfigResponse,
} from '@aws-sdk/client-lambda';
import type { AwsCallRecord } from '../../core/remediation';
import { awsCall } from '../../runtime/aws-call';
import { lambdaClient } from '../../runtime/clients/lambda';
import type { Limit } from '../common/bounded-raise';

/** AWS keeps this much account concurrency unreserved for functions without a reservation. */
export const UNRESERVED_FLOOR = 100;

/** The function's reserved concurrency; undefined when it has none (it draws from the shared pool). */
export async function readReservedConcurrency(calls: AwsCallRecord[], functionName: string): Promise<number | undefined> {
  const res = await awsCall(
    calls,
    'lambda',
    'GetFunctionConcurrency',
    () => lambdaClient().send(new GetFunctionConcurrencyCommand({ FunctionName: functionName })),
    { mutating: false },
  );
  return res.ReservedConcurrentExecutions;
}

/** The alias's provisioned concurrency configuration; undefined when it has none (0 provisioned). */
export async function readProvisionedConcurrencyConfig(
  calls: AwsCallRecord[],
  functionName: string,
  alias: string,
): Promise<GetProvisionedConcurrencyConfigResponse | undefined> {
  try {
    return await awsCall(
      calls,
      'lambda',
      'GetProvisionedConcurrencyConfig',
      () => lambdaClient().send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: functionName, Qualifier: alias })),
      { mutating: false },
    );
  } catch (err) {
    // The usual starting point, not a failure: the call stays in the record with its error name.
    if (err instanceof Error && err.name === 'ProvisionedConcurrencyConfigNotFoundException') return undefined;
    throw err;
  }
}

/** The account's unreserved concurrency in this region; undefined if AWS did not report it. */
export async function readUnreservedConcurrency(calls: AwsCallRecord[]): Promise<number | undefined> {
  const res = await awsCall(calls, 'lambda', 'GetAccountSettings', () => lambdaClient().send(new GetAccountSettingsCommand({})), {
    mutating: false,
  });
  return res.AccountLimit?.UnreservedConcurrentExecutions;
}

/** The ceiling AWS puts on a value drawn from the unreserved pool, given what the function already holds. */
export function accountLimit(unreserved: number, alreadyHeld: number): Limit {
  const value = unreserved + alreadyHeld - UNRESERVED_FLOOR;
  const held = alreadyHeld > 0 ? ` + ${alreadyHeld} this function already holds` : '';
  return {
    value,
    name: `the account limit (${unreserved} unreserved${held} - ${UNRESERVED_FLOOR} AWS keeps unreserved = ${value})`,
  };
}

export const NO_ACCOUNT_LIMIT_REASON =
  'GetAccountSettings did not report UnreservedConcurrentExecutions: the account limit cannot be checked, so nothing is raised';
