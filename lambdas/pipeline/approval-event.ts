/**
 * The edge of the approval entry: a request through the responder's function URL (AWS_IAM auth)
 * becomes a typed approval with its caller, or a refusal that says what was wrong. The payload
 * (version 2.0) carries the caller Lambda authenticated in `requestContext.authorizer.iam`
 * (https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html#urls-payloads).
 */
import { isRecord, object, oneOf, optional, string, type Issue } from './edge-schema';
import { describeIssues, hasUnsafeChars } from './notification-schema';

/** A person's decision on a proposal, as the CLI sends it. */
export interface ApprovalRequest {
  readonly proposalId: string;
  readonly verdict: 'approve' | 'reject';
  readonly note?: string;
}

/** Who called, as the function URL's IAM authorizer names them. */
export interface Caller {
  readonly arn: string;
  readonly accountId?: string;
}

export type ApprovalEvent =
  | { readonly ok: true; readonly request: ApprovalRequest; readonly caller: Caller }
  | { readonly ok: false; readonly error: string; readonly caller?: Caller };

const MAX_BODY_BYTES = 4096;
const short = (what: string, max: number) =>
  string(
    { test: (s) => s.length >= 1 && s.length <= max, message: `expected ${what} of 1 to ${max} characters` },
    { test: (s) => !hasUnsafeChars(s), message: `expected ${what} without control characters` },
  );

const bodySchema = object({ proposal: short('a proposal id', 200), verdict: oneOf('approve', 'reject'), note: optional(short('a note', 1000)) }, 'reject');

/** Whether an invocation came through a function URL (an HTTP request), not from SNS or a manual payload. */
export function isFunctionUrlEvent(event: unknown): event is Record<string, unknown> & { requestContext: Record<string, unknown> } {
  return isRecord(event) && isRecord(event.requestContext) && isRecord(event.requestContext.http);
}

function callerOf(requestContext: Record<string, unknown>): Caller | undefined {
  const iam = isRecord(requestContext.authorizer) && isRecord(requestContext.authorizer.iam) ? requestContext.authorizer.iam : undefined;
  if (!iam || typeof iam.userArn !== 'string' || iam.userArn === '') return undefined;
  return { arn: iam.userArn, ...(typeof iam.accountId === 'string' ? { accountId: iam.accountId } : {}) };
}

/** Reads a function URL request: POST, a JSON body `{proposal, verdict, note?}`, an IAM caller. */
export function parseApprovalEvent(event: Record<string, unknown> & { requestContext: Record<string, unknown> }): ApprovalEvent {
  const caller = callerOf(event.requestContext);
  if (!caller) return { ok: false, error: 'no IAM caller in requestContext.authorizer.iam: the function URL must use AWS_IAM auth' };
  const http = event.requestContext.http;
  const method = isRecord(http) ? http.method : undefined;
  if (method !== 'POST') return { ok: false, caller, error: `expected POST, received ${JSON.stringify(method)}` };
  if (typeof event.body !== 'string') return { ok: false, caller, error: 'expected a JSON body {"proposal": ID, "verdict": "approve" | "reject"}' };
  const text = event.isBase64Encoded === true ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(text, 'utf8') > MAX_BODY_BYTES) return { ok: false, caller, error: `body too large: over ${MAX_BODY_BYTES} bytes` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, caller, error: 'body: not valid JSON' };
  }
  const issues: Issue[] = [];
  const read = bodySchema.read(json, [], issues);
  if (!read.ok) {
    const d = describeIssues(issues, 'body');
    return { ok: false, caller, error: `${d.field}: ${d.problem}` };
  }
  const { proposal, verdict, note } = read.value;
  return { ok: true, caller, request: { proposalId: proposal, verdict, ...(note === undefined ? {} : { note }) } };
}

/** `arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION` → partition, account and role name. */
const ASSUMED_ROLE = /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/;
/** `arn:aws:iam::ACCOUNT:role/PATH/NAME` → partition, account and role name (the path dropped). */
const ROLE = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;

/**
 * Whether the caller is a session of one of the approver roles. An assumed-role ARN carries the
 * role's name but not its path, so a role is matched by partition, account and name (role names
 * are unique in an account, whatever their path). IAM users and root are never approvers.
 */
export function isApprover(caller: Caller, approvers: readonly string[]): boolean {
  const session = ASSUMED_ROLE.exec(caller.arn) ?? ROLE.exec(caller.arn);
  if (!session) return false;
  const [, partition, account, name] = session;
  return approvers.some((arn) => {
    const role = ROLE.exec(arn);
    return role !== null && role[1] === partition && role[2] === account && role[3] === name;
  });
}
