import { spawn } from 'node:child_process';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { describeOutcome, findApprovalUrl, sendApproval, urlRegion } from '../../../lambdas/cli/approve';
import { listenLocal, type LocalServer } from '../../helpers/local-server';

const ID = 'rung.lambda.8f0c6d3e-2b1a-4c5d-9e8f-0a1b2c3d4e5f';
const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'session-token' };

interface Received {
  readonly method?: string;
  readonly url?: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

let server: LocalServer;
const received: Received[] = [];

beforeAll(async () => {
  const http = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'application/json' });
      // GetFunctionUrlConfig, as Lambda answers it.
      if (req.method === 'GET') return void res.end(JSON.stringify({ AuthType: 'AWS_IAM', FunctionUrl: 'https://abcdef123.lambda-url.us-east-1.on.aws/' }));
      res.end(JSON.stringify({ recordId: 'r-1', decision: 'applied', reasonCode: 'approved', reason: `approval of ${ID} by jane: approved: alias live now on 7` }));
    });
  });
  server = await listenLocal(http);
});
afterAll(() => server.close());

const header = (h: IncomingHttpHeaders, name: string): string => {
  const v = h[name];
  if (typeof v !== 'string') throw new Error(`no ${name} header`);
  return v;
};

/** `npm run approve -- ARGS` as npm runs it, with credentials only in the environment. */
function approveBin(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = { ...process.env };
  for (const name of ['AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_DEFAULT_REGION']) delete env[name];
  Object.assign(env, { AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey, AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials', AWS_CONFIG_FILE: '/nonexistent/config' });
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'bin/approve.ts', ...args], { cwd: join(__dirname, '..', '..', '..'), env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => void (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => void (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('approve CLI', () => {
  it('npm run approve signs with the credentials of the environment and prints the outcome', async () => {
    const { code, stdout, stderr } = await approveBin([ID, '--url', `${server.url}/`, '--region', 'us-east-1']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toBe(`applied (approved): approval of ${ID} by jane: approved: alias live now on 7\nrecord r-1\n`);
    const [req] = received.splice(0);
    expect(header(req.headers, 'authorization')).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/lambda\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/);
    expect(req.headers['x-amz-security-token']).toBeUndefined();
  });

  it('npm run approve without a proposal id sends nothing and prints its usage', async () => {
    const { code, stderr } = await approveBin([]);
    expect(code).toBe(2);
    expect(stderr).toContain('Name exactly one proposal id.');
    expect(stderr).toContain('usage');
    expect(received).toEqual([]);
  });

  it('signs the approval with SigV4 for lambda: a signature the same key recomputes over what the server received', async () => {
    const res = await sendApproval({ proposalId: ID, verdict: 'approve', url: new URL(`${server.url}/`), region: 'eu-west-1', credentials: async () => CREDENTIALS });
    const [req] = received.splice(0);
    expect(req).toMatchObject({ method: 'POST', url: '/' });
    expect(JSON.parse(req.body)).toEqual({ proposal: ID, verdict: 'approve' });
    const auth = header(req.headers, 'authorization');
    const date = header(req.headers, 'x-amz-date');
    expect(auth).toMatch(new RegExp(`^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/${date.slice(0, 8)}/eu-west-1/lambda/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$`));
    expect(auth).toMatch(/SignedHeaders=[^,]*\bhost\b[^,]*;x-amz-date/);
    expect(header(req.headers, 'x-amz-security-token')).toBe('session-token');
    // Sign what arrived, at the time it says: a body or host changed on the way would not match.
    const host = header(req.headers, 'host');
    const again = await new SignatureV4({ service: 'lambda', region: 'eu-west-1', credentials: CREDENTIALS, sha256: Hash.bind(null, 'sha256') }).sign(
      { method: 'POST', protocol: 'http:', hostname: '127.0.0.1', path: '/', query: {}, headers: { host, 'content-type': header(req.headers, 'content-type') }, body: req.body },
      { signingDate: new Date(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${date.slice(9, 11)}:${date.slice(11, 13)}:${date.slice(13, 15)}Z`) },
    );
    expect(again.headers.authorization).toBe(auth);
    expect(describeOutcome(res)).toEqual({ ok: true, text: `applied (approved): approval of ${ID} by jane: approved: alias live now on 7\nrecord r-1` });
  });

  it('sends a rejection with its reason', async () => {
    await sendApproval({ proposalId: ID, verdict: 'reject', note: 'deploy in progress', url: new URL(`${server.url}/`), region: 'us-east-1', credentials: async () => CREDENTIALS });
    const [req] = received.splice(0);
    expect(JSON.parse(req.body)).toEqual({ proposal: ID, verdict: 'reject', note: 'deploy in progress' });
  });

  it("finds the proposing responder's URL from the id and the configuration, with a signed GetFunctionUrlConfig", async () => {
    const found = await findApprovalUrl(ID, 'config/default.json', undefined, async () => CREDENTIALS, server.url);
    expect(found).toEqual({ url: new URL('https://abcdef123.lambda-url.us-east-1.on.aws/'), region: 'us-east-1' });
    const [req] = received.splice(0);
    expect(req).toMatchObject({ method: 'GET', url: '/2021-10-31/functions/ar-rung-lambda/url' });
    expect(header(req.headers, 'authorization')).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/lambda\/aws4_request, /);
  });

  it('refuses an id that names no responder before any call', async () => {
    await expect(findApprovalUrl('not-an-id', 'config/default.json', undefined, async () => CREDENTIALS, server.url)).rejects.toThrow('"not-an-id" is not a proposal id');
    expect(received).toEqual([]);
  });

  it('reads the region of a function URL, and none of another host', () => {
    expect(urlRegion(new URL('https://abcdef123.lambda-url.eu-central-1.on.aws/'))).toBe('eu-central-1');
    expect(urlRegion(new URL('https://example.com/'))).toBeUndefined();
  });

  it('fails the command when the responder refused', () => {
    const body = JSON.stringify({ recordId: 'r-2', decision: 'skipped', reasonCode: 'approval-stale', reason: 'the state changed' });
    expect(describeOutcome({ status: 200, body })).toEqual({ ok: false, text: 'skipped (approval-stale): the state changed\nrecord r-2' });
  });
});
