import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import type { AwsCallRecord } from '../core/record';
import { awsCall } from './aws-call';
import type { TemporaryCredentials } from './clients/on-first-use';
import { stsClient } from './clients/sts';

/**
 * AssumeRole's shortest session: DurationSeconds "can range from 900 seconds (15 minutes) up to
 * the maximum session duration that is set for the role" (AssumeRole request, DurationSeconds, as
 * the SDKs document it). An apply takes seconds.
 */
export const SESSION_SECONDS = 900;

/**
 * "The plaintext that you use for both inline and managed session policies can't exceed 2,048
 * characters"; the resulting session's permissions "are the intersection of the role's
 * identity-based policy and the session policies" (AssumeRole request, Policy:
 * https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/sts/aws.sdk.kotlin.services.sts.model/-assume-role-request/policy.html).
 * The packed size has its own limit, which only STS can tell (PackedPolicyTooLarge).
 */
export const MAX_SESSION_POLICY_CHARS = 2048;

/**
 * SourceIdentity and RoleSessionName: "upper- and lower-case alphanumeric characters with no
 * spaces", underscores and `=,.@-`; a source identity may not begin with `aws:` (AssumeRole
 * request, SourceIdentity: https://sdk.amazonaws.com/kotlin/api/1.0.65/sts/aws.sdk.kotlin.services.sts.model/-assume-role-request/source-identity.html).
 * The 2-64 length is the STS API model's (not found in the pages checked). A record id (a UUID) fits.
 */
const STS_NAME = /^[\w+=,.@-]{2,64}$/;

/** What the scoped session is for: the role, the session policy, and who it is in CloudTrail. */
export interface ScopedSessionRequest {
  readonly roleArn: string;
  /** The session policy, as JSON: the session may do only what it and the role's policies both allow. */
  readonly policy: string;
  /** CloudTrail's `sourceIdentity` on every call the session makes: the record id. */
  readonly sourceIdentity: string;
  /** The session's name, in the assumed-role ARN CloudTrail shows: who approved. */
  readonly sessionName: string;
}

/** The scoped session cannot be requested as asked: never sent, so nothing runs unscoped by mistake. */
export class ScopedSessionError extends Error {
  override readonly name = 'ScopedSessionError';
}

/** STS answered without credentials. */
export class NoCredentialsError extends Error {
  override readonly name = 'NoCredentialsError';

  constructor(roleArn: string) {
    super(`AssumeRole of ${roleArn} returned no credentials`);
  }
}

/** A name for the session from anything (an approver's ARN): its last path segment, in STS's alphabet. */
export function sessionNameOf(who: string): string {
  const last = who.slice(who.lastIndexOf('/') + 1).replace(/[^\w+=,.@-]/g, '-');
  const name = `approved-by-${last}`.slice(0, 64);
  return STS_NAME.test(name) ? name : 'approved';
}

function check(request: ScopedSessionRequest): void {
  const problems: string[] = [];
  if (!STS_NAME.test(request.sourceIdentity) || request.sourceIdentity.toLowerCase().startsWith('aws:')) {
    problems.push(`sourceIdentity ${JSON.stringify(request.sourceIdentity)} is not 2-64 characters of [A-Za-z0-9_+=,.@-] (nor may it begin with "aws:")`);
  }
  if (!STS_NAME.test(request.sessionName)) problems.push(`sessionName ${JSON.stringify(request.sessionName)} is not 2-64 characters of [A-Za-z0-9_+=,.@-]`);
  if (request.policy.length > MAX_SESSION_POLICY_CHARS) {
    problems.push(`the session policy is ${request.policy.length} characters, over STS's ${MAX_SESSION_POLICY_CHARS}`);
  }
  if (problems.length > 0) throw new ScopedSessionError(`Cannot assume ${request.roleArn} scoped: ${problems.join('; ')}`);
}

/**
 * Assumes the action role for the shortest session STS allows, limited by the session policy,
 * with the record id as its source identity. Throws before any call when the request breaks
 * STS's rules, and when STS answers without credentials.
 */
export async function assumeScoped(calls: AwsCallRecord[], request: ScopedSessionRequest): Promise<TemporaryCredentials> {
  check(request);
  const out = await awsCall(
    calls,
    'sts',
    'AssumeRole',
    () =>
      stsClient().send(
        new AssumeRoleCommand({
          RoleArn: request.roleArn,
          RoleSessionName: request.sessionName,
          SourceIdentity: request.sourceIdentity,
          Policy: request.policy,
          DurationSeconds: SESSION_SECONDS,
        }),
      ),
    // Makes a session, changes no resource: a repeat only makes another.
    { mutating: false },
  );
  const c = out.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) throw new NoCredentialsError(request.roleArn);
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, ...(c.Expiration ? { expiration: c.Expiration } : {}) };
}
