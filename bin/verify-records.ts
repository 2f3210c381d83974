/**
 * `npm run verify-records -- --log-group NAME --since 24h [--region R] [--key KEY]`: checks the
 * MAC of every record in the remediation log over a window with KMS VerifyMac, and exits non-zero
 * on any forged or invalid record. Your role needs the `<prefix>-verify-records` managed policy.
 */
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { KMSClient } from '@aws-sdk/client-kms';
import { parseArgs } from 'node:util';
import { prefixOfRemediationLogGroup, recordKeyAlias } from '../lib/catalogue';
import { parseSince } from '../lambdas/cli/verify-records/since';
import { verifyRecords } from '../lambdas/cli/verify-records/verify-records';

// Never probe the EC2 metadata endpoint for credentials from a laptop or CI.
process.env.AWS_EC2_METADATA_DISABLED ??= 'true';

const USAGE = `usage: npm run verify-records -- --log-group NAME --since DURATION|TIME [options]

Checks that every record in the remediation log over the window was signed by the deployment's
record key (KMS VerifyMac), and lists forged, altered, invalid and unsigned records.

  --log-group NAME   the remediation log group, /alert-responder/<prefix>/remediations
  --since WHEN       start of the window: 90m, 24h, 7d, or an ISO time such as 2026-12-01T00:00:00Z
  --region REGION    the deployment's region (default: AWS_REGION or your profile's)
  --key KEY          the record key (default: alias/<prefix>-alert-responder-records, from the log group's name)
  --max-lines N      the most log lines read (default 10000); past it the check is incomplete
  --strict           count unsigned records as failures too
  -h, --help         this text

Exit status: 0 every record verified (unsigned ones listed), 1 forged or invalid records (or unsigned
with --strict), 2 could not check (credentials, access, region, no such log group or key), 3 incomplete.
Needs logs:FilterLogEvents on the log group and kms:VerifyMac on the key: the <prefix>-verify-records managed policy.`;

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        'log-group': { type: 'string' },
        since: { type: 'string' },
        region: { type: 'string' },
        key: { type: 'string' },
        'max-lines': { type: 'string', default: '10000' },
        strict: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const now = new Date();
  const logGroupName = values['log-group'];
  const since = values.since === undefined ? undefined : parseSince(values.since, now);
  const maxLines = Number(values['max-lines']);
  const prefix = logGroupName === undefined ? undefined : prefixOfRemediationLogGroup(logGroupName);
  const keyId = values.key ?? (prefix === undefined ? undefined : recordKeyAlias(prefix));
  const problems = [
    logGroupName === undefined ? '--log-group is required' : undefined,
    since === undefined ? `--since must be a duration (90m, 24h, 7d) or a past ISO time, got ${values.since ?? 'nothing'}` : undefined,
    !Number.isInteger(maxLines) || maxLines < 1 ? `--max-lines must be a positive integer, got ${values['max-lines']}` : undefined,
    logGroupName !== undefined && keyId === undefined ? `${logGroupName} is not named /alert-responder/<prefix>/remediations: pass --key` : undefined,
  ].filter((p): p is string => p !== undefined);
  if (problems.length > 0 || logGroupName === undefined || since === undefined || keyId === undefined) {
    process.stderr.write(`${problems.join('\n')}\n\n${USAGE}\n`);
    return 2;
  }
  const clients = { logs: new CloudWatchLogsClient({ region: values.region }), kms: new KMSClient({ region: values.region }) };
  const result = await verifyRecords({ logGroupName, since, until: now, keyId, maxLines, strict: values.strict }, clients);
  (result.exitCode === 2 ? process.stderr : process.stdout).write(`${result.text}\n`);
  return result.exitCode;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
