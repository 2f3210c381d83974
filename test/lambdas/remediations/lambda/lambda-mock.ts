import { LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';

/** One mock of the Lambda client for a test file and the shared suites it runs. */
export const lambdaMock = mockClient(LambdaClient);

/** The case of a shared suite for one remediation, failing the test where there is none. */
export function caseOf<C extends { readonly remediation: { readonly id: string } }>(cases: readonly C[], id: string): C {
  const found = cases.find((c) => c.remediation.id === id);
  if (!found) throw new Error(`no case for ${id}`);
  return found;
}
