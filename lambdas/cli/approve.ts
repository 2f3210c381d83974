/**
 * `npm run approve -- <id> [--reject] [--reason TEXT]`: a person's approval or rejection of a
 * proposal, sent to the proposing responder's function URL (AWS_IAM auth) and signed with SigV4
 * (service `lambda`) with the caller's own credentials, so the record names them.
 */
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { RESPONDER_FAMILIES, responderFunctionName, type ResponderFamily } from '../../lib/catalogue';
import { loadConfig } from '../../lib/config/load';
import { proposalOwner } from '../core/proposal-id';

/** Credentials as the SDK's providers give them. */
export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export type CredentialSource = () => Promise<Credentials>;

/** What a signed request answered. */
export interface SignedResponse {
  readonly status: number;
  readonly body: string;
}

/** The region of a function URL (`https://<id>.lambda-url.<region>.on.aws/`); undefined for another host. */
export function urlRegion(url: URL): string | undefined {
  return /^[a-z0-9]+\.lambda-url\.([a-z0-9-]+)\.on\.aws$/.exec(url.hostname)?.[1];
}

/** Sends one request signed with SigV4 for `lambda` in `region`; the body is signed with it. */
export async function signedFetch(url: URL, init: { method: 'GET' | 'POST'; body?: string }, region: string, credentials: CredentialSource): Promise<SignedResponse> {
  const signer = new SignatureV4({ service: 'lambda', region, credentials, sha256: Hash.bind(null, 'sha256') });
  const query = Object.fromEntries(url.searchParams);
  const signed = await signer.sign({
    method: init.method,
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port === '' ? undefined : Number(url.port),
    path: url.pathname,
    query,
    // `host` must be signed; fetch sends the same value.
    headers: { host: url.host, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: init.body,
  });
  const headers = Object.fromEntries(Object.entries(signed.headers).filter(([name]) => name.toLowerCase() !== 'host'));
  const res = await fetch(url, { method: init.method, headers, body: init.body });
  return { status: res.status, body: await res.text() };
}

/**
 * The function URL of the responder that made a proposal: its name from the configuration and the
 * id, then Lambda's GetFunctionUrlConfig (`GET /2021-10-31/functions/{name}/url`,
 * https://docs.aws.amazon.com/lambda/latest/api/API_GetFunctionUrlConfig.html), signed like the approval.
 */
export async function findApprovalUrl(
  proposalId: string,
  configPath: string,
  region: string | undefined,
  credentials: CredentialSource,
  /** Lambda's API endpoint. @default https://lambda.<region>.amazonaws.com */
  endpoint?: string,
): Promise<{ url: URL; region: string }> {
  const owner = proposalOwner(proposalId);
  if (!owner) throw new Error(`"${proposalId}" is not a proposal id (<system>.<family>.<uuid>, as the approval request gives it)`);
  const family = RESPONDER_FAMILIES.find((f): f is ResponderFamily => f === owner.family);
  if (!family) throw new Error(`proposal ${proposalId} names no responder family: "${owner.family}"`);
  const config = loadConfig(configPath);
  const where = region ?? config.region;
  const name = responderFunctionName(config.prefix, owner.system, family);
  const api = new URL(`/2021-10-31/functions/${encodeURIComponent(name)}/url`, endpoint ?? `https://lambda.${where}.amazonaws.com`);
  const res = await signedFetch(api, { method: 'GET' }, where, credentials);
  if (res.status !== 200) throw new Error(`GetFunctionUrlConfig of ${name} in ${where} answered ${res.status}: ${res.body.slice(0, 300)}`);
  const parsed: unknown = JSON.parse(res.body);
  const found = typeof parsed === 'object' && parsed !== null && 'FunctionUrl' in parsed ? parsed.FunctionUrl : undefined;
  if (typeof found !== 'string') throw new Error(`GetFunctionUrlConfig of ${name} answered without a FunctionUrl: are approvers configured for system "${owner.system}"?`);
  return { url: new URL(found), region: where };
}

export interface ApproveArgs {
  readonly proposalId: string;
  readonly verdict: 'approve' | 'reject';
  readonly note?: string;
  readonly url: URL;
  readonly region: string;
  /** @default the SDK's default chain (environment, SSO, profiles, web identity) */
  readonly credentials?: CredentialSource;
}

/** Signs and sends the decision; the responder answers with the approval's record. */
export async function sendApproval(args: ApproveArgs): Promise<SignedResponse> {
  const body = JSON.stringify({ proposal: args.proposalId, verdict: args.verdict, ...(args.note === undefined ? {} : { note: args.note }) });
  return signedFetch(args.url, { method: 'POST', body }, args.region, args.credentials ?? defaultProvider());
}

/** One line per fact a person needs: what was decided, why, and the record that says so. */
export function describeOutcome(res: SignedResponse): { text: string; ok: boolean } {
  let record: unknown;
  try {
    record = JSON.parse(res.body);
  } catch {
    return { text: `The responder answered ${res.status}: ${res.body.slice(0, 500)}`, ok: false };
  }
  const field = (key: string): string => (typeof record === 'object' && record !== null && key in record ? String((record as Record<string, unknown>)[key]) : '?');
  if (res.status === 400) return { text: `The request was not accepted: ${field('error')}`, ok: false };
  const code = field('reasonCode');
  const lines = [`${field('decision')} (${code}): ${field('reason')}`, `record ${field('recordId')}`];
  return { text: lines.join('\n'), ok: res.status === 200 && (code === 'approved' || code === 'rejected') };
}
