/**
 * IPv4 and IPv6 addresses and CIDR ranges as integers, so "is this source inside that range" is
 * one mask and one comparison, the same for both families. Written here rather than with
 * node:net's BlockList, whose IPv4 rules also match IPv4-mapped IPv6 addresses and back, and
 * which cannot say which range matched.
 */

/** An address: IPv4 in 32 bits, IPv6 in 128. An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is read as the IPv4 address. */
export interface Ip {
  readonly family: 4 | 6;
  readonly value: bigint;
}

/** A range: its network (host bits cleared), its prefix length, and the text it was read from. */
export interface Cidr {
  readonly family: 4 | 6;
  readonly network: bigint;
  readonly prefix: number;
  readonly text: string;
}

const BITS = { 4: 32, 6: 128 } as const;
const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/;
const MAPPED_PREFIX = 0xffffn << 32n;

function parseV4(text: string): bigint | undefined {
  const m = V4.exec(text);
  if (!m) return undefined;
  let value = 0n;
  for (const part of m.slice(1)) {
    // "010" is octal to some parsers and decimal to others: refuse rather than guess.
    if (part.length > 1 && part.startsWith('0')) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

/** The 16-bit groups of one side of "::"; an IPv4 tail counts as two groups. */
function groupsOf(side: string, last: boolean): bigint[] | undefined {
  if (side === '') return [];
  const parts = side.split(':');
  const groups: bigint[] = [];
  for (const [i, part] of parts.entries()) {
    if (last && i === parts.length - 1 && part.includes('.')) {
      const v4 = parseV4(part);
      if (v4 === undefined) return undefined;
      groups.push(v4 >> 16n, v4 & 0xffffn);
    } else if (HEX_GROUP.test(part)) {
      groups.push(BigInt(`0x${part}`));
    } else {
      return undefined;
    }
  }
  return groups;
}

function parseV6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const [left = '', right] = halves;
  const head = groupsOf(left, right === undefined);
  const tail = right === undefined ? [] : groupsOf(right, true);
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  // Without "::" there must be eight groups; with it, "::" stands for at least one.
  if (right === undefined ? missing !== 0 : missing < 1) return undefined;
  return [...head, ...Array<bigint>(right === undefined ? 0 : missing).fill(0n), ...tail].reduce((acc, g) => (acc << 16n) | g, 0n);
}

/** Reads an address; undefined for anything else (a hostname, "-", a zone id, a range). */
export function parseIp(text: string): Ip | undefined {
  const t = text.trim();
  const v4 = parseV4(t);
  if (v4 !== undefined) return { family: 4, value: v4 };
  if (!t.includes(':') || t.includes('%')) return undefined;
  const v6 = parseV6(t);
  if (v6 === undefined) return undefined;
  return v6 >> 32n === MAPPED_PREFIX >> 32n ? { family: 4, value: v6 & 0xffffffffn } : { family: 6, value: v6 };
}

const maskOf = (family: 4 | 6, prefix: number) => ((1n << BigInt(BITS[family])) - 1n) ^ ((1n << BigInt(BITS[family] - prefix)) - 1n);

/** Reads `address/prefix`; host bits set are cleared (10.1.2.3/8 is 10.0.0.0/8). Undefined when it is not one. */
export function parseCidr(text: string): Cidr | undefined {
  const [address, prefixText, extra] = text.trim().split('/');
  if (address === undefined || prefixText === undefined || extra !== undefined || !/^\d{1,3}$/.test(prefixText)) return undefined;
  const t = address.trim();
  // A mapped IPv6 range (::ffff:0:0/96 and longer) would read as IPv4 with a 128-bit prefix: keep its own family.
  const v4 = parseV4(t);
  const v6 = v4 === undefined && t.includes(':') && !t.includes('%') ? parseV6(t) : undefined;
  const family = v4 !== undefined ? 4 : 6;
  const value = v4 ?? v6;
  const prefix = Number(prefixText);
  if (value === undefined || prefix > BITS[family]) return undefined;
  return { family, network: value & maskOf(family, prefix), prefix, text: text.trim() };
}

/** Whether `ip` is inside `cidr`: a range holds addresses of its own family only (a mapped IPv6 source is read as IPv4). */
export function cidrContains(cidr: Cidr, ip: Ip): boolean {
  return cidr.family === ip.family && (ip.value & maskOf(cidr.family, cidr.prefix)) === cidr.network;
}

/** The first range of `cidrs` that holds `ip`, to say why a source was left alone. */
export function coveringCidr(cidrs: readonly Cidr[], ip: Ip): Cidr | undefined {
  return cidrs.find((c) => cidrContains(c, ip));
}

/** The address as written canonically: dotted IPv4; IPv6 in lowercase with the longest run of zero groups as "::" (RFC 5952). */
export function formatIp(ip: Ip): string {
  if (ip.family === 4) return [24n, 16n, 8n, 0n].map((s) => String((ip.value >> s) & 0xffn)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => (ip.value >> BigInt(112 - 16 * i)) & 0xffffn);
  let best = { at: -1, length: 1 };
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0n) j += 1;
    if (j - i > best.length) best = { at: i, length: j - i };
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.at < 0) return hex.join(':');
  return `${hex.slice(0, best.at).join(':')}::${hex.slice(best.at + best.length).join(':')}`;
}

/** A single host as WAF writes it: /32 or /128. */
export function hostCidr(ip: Ip): string {
  return `${formatIp(ip)}/${BITS[ip.family]}`;
}
