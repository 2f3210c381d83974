/**
 * Approve or reject a proposal: `npm run approve -- <id> [--reject] [--reason TEXT]` (or
 * `alert-responder-approve <id>` from the package). Signs the request with your AWS credentials
 * (SigV4) and sends it to the proposing responder's function URL; prints the record's outcome.
 */
import { parseArgs } from 'node:util';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { describeOutcome, findApprovalUrl, sendApproval, urlRegion } from '../lambdas/cli/approve';

// Never probe the EC2 metadata endpoint for credentials from a laptop or CI.
process.env.AWS_EC2_METADATA_DISABLED ??= 'true';

const USAGE = `usage (alert-responder-approve from the installed package takes the same arguments):
  npm run approve -- <proposal-id> [--reject] [--reason TEXT] [--config PATH] [--region REGION] [--url URL]
      approves (or, with --reject, rejects) a proposal from an approval request, signed with your
      AWS credentials: you must be in one of the approver roles of the configuration. The
      responder plans again, and applies only if nothing changed and every guard passes.
  --config (default config/default.json) and --region find the responder's function URL;
  --url gives it directly (the system stack's output named ...ApprovalUrl...).`;

const OPTIONS = {
  reject: { type: 'boolean', default: false },
  reason: { type: 'string' },
  config: { type: 'string', default: 'config/default.json' },
  region: { type: 'string' },
  url: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const [proposalId, ...extra] = positionals;
  if (proposalId === undefined || extra.length > 0) {
    process.stderr.write(`Name exactly one proposal id.\n${USAGE}\n`);
    return 2;
  }
  const credentials = defaultProvider();
  let target: { url: URL; region: string };
  if (values.url !== undefined) {
    const url = new URL(values.url);
    const region = values.region ?? urlRegion(url);
    if (region === undefined) {
      process.stderr.write(`Cannot tell the region of ${values.url}: give --region.\n`);
      return 2;
    }
    target = { url, region };
  } else {
    target = await findApprovalUrl(proposalId, values.config, values.region, credentials);
  }
  const res = await sendApproval({ proposalId, verdict: values.reject ? 'reject' : 'approve', note: values.reason, ...target, credentials });
  const outcome = describeOutcome(res);
  process.stdout.write(`${outcome.text}\n`);
  return outcome.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
