import { GetCheckerIpRangesCommand } from '@aws-sdk/client-route-53';
import type { AwsCallRecord } from '../../core/record';
import { awsCall, describeError } from '../../runtime/aws-call';
import { route53Client } from '../../runtime/clients/route53';
import { coveringCidr, parseCidr, type Cidr, type Ip } from './cidr';

/** A range no block may touch, and why, for the plan to say. */
export interface AllowedRange {
  readonly cidr: Cidr;
  readonly why: string;
}

const ranges = (why: string, ...texts: string[]): AllowedRange[] =>
  texts.map((text) => {
    const cidr = parseCidr(text);
    if (!cidr) throw new Error(`not a CIDR range: ${text}`);
    return { cidr, why };
  });

/**
 * Addresses that are never a client on the internet (RFC 6890): a source logged as one of them is
 * a load balancer, a proxy, the VPC itself or a spoofed header, and blocking it would cut off our
 * own traffic, not an attacker's.
 */
export const RESERVED_RANGES: readonly AllowedRange[] = [
  ...ranges('private (RFC 1918)', '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'),
  ...ranges('loopback', '127.0.0.0/8', '::1/128'),
  ...ranges('link-local', '169.254.0.0/16', 'fe80::/10'),
  ...ranges('unique local (private IPv6)', 'fc00::/7'),
  ...ranges('shared address space (carrier-grade NAT)', '100.64.0.0/10'),
  ...ranges('"this network" or unspecified', '0.0.0.0/8', '::/128'),
  ...ranges('multicast, reserved or broadcast', '224.0.0.0/4', '240.0.0.0/4', 'ff00::/8'),
];

/** The Route 53 health checkers' ranges could not be read: blocking would risk failing our own health checks. */
export class CheckerRangesUnavailableError extends Error {
  constructor(cause: string) {
    super(`refusing to block: the Route 53 health checkers' IP ranges could not be read (${cause}), and a blocked health checker fails the health checks`);
    this.name = 'CheckerRangesUnavailableError';
  }
}

let checkerRanges: readonly AllowedRange[] | undefined;

/**
 * The Route 53 health checkers' ranges, read once per container (they change rarely).
 * GetCheckerIpRanges needs no IAM permission: "Route 53 does not perform authorization for this
 * API because it retrieves information that is already available to the public"
 * (https://docs.aws.amazon.com/Route53/latest/APIReference/API_GetCheckerIpRanges.html).
 * A failure is not kept: the next notification asks again.
 */
export async function healthCheckerRanges(calls: AwsCallRecord[]): Promise<readonly AllowedRange[]> {
  if (checkerRanges) return checkerRanges;
  let texts: readonly string[];
  try {
    const out = await awsCall(calls, 'route53', 'GetCheckerIpRanges', () => route53Client().send(new GetCheckerIpRangesCommand({})), { mutating: false });
    texts = out.CheckerIpRanges ?? [];
  } catch (err) {
    throw new CheckerRangesUnavailableError(describeError(err));
  }
  const parsed = texts.map((text) => ({ text, cidr: parseCidr(text) }));
  const bad = parsed.filter((p) => p.cidr === undefined).map((p) => p.text);
  if (parsed.length === 0 || bad.length > 0) {
    throw new CheckerRangesUnavailableError(parsed.length === 0 ? 'the answer listed no range' : `the answer held ${bad.length} entries that are not CIDR ranges: ${bad.slice(0, 3).join(', ')}`);
  }
  checkerRanges = parsed.flatMap((p) => (p.cidr ? [{ cidr: p.cidr, why: 'Route 53 health checker' }] : []));
  return checkerRanges;
}

/** Forgets the health checkers' ranges, as a new container would: for tests. */
export function forgetHealthCheckerRanges(): void {
  checkerRanges = undefined;
}

/** The configured `allowCidrs` (the deployment's own NAT and egress addresses), validated by the configuration. */
export function configuredRanges(allowCidrs: readonly string[]): AllowedRange[] {
  return allowCidrs.flatMap((text) => {
    const cidr = parseCidr(text);
    return cidr ? [{ cidr, why: `allowCidrs ${text}` }] : [];
  });
}

/** Which allowed range holds `ip`, if any. */
export function allowedRangeOf(allowed: readonly AllowedRange[], ip: Ip): AllowedRange | undefined {
  const cidr = coveringCidr(allowed.map((a) => a.cidr), ip);
  return cidr ? allowed.find((a) => a.cidr === cidr) : undefined;
}
