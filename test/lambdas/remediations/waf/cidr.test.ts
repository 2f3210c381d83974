import { cidrContains, coveringCidr, formatIp, hostCidr, parseCidr, parseIp, type Cidr } from '../../../../lambdas/remediations/waf/cidr';

const cidr = (text: string): Cidr => {
  const c = parseCidr(text);
  if (!c) throw new Error(`not a CIDR: ${text}`);
  return c;
};
const inside = (range: string, address: string) => {
  const ip = parseIp(address);
  if (!ip) throw new Error(`not an address: ${address}`);
  return cidrContains(cidr(range), ip);
};

describe('parseIp', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    [' 0.0.0.0 ', '0.0.0.0'],
    ['255.255.255.255', '255.255.255.255'],
    ['2001:DB8::1', '2001:db8::1'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['::', '::'],
    ['::1', '::1'],
    ['fe80::', 'fe80::'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:db8:1:1:1:1:1:0', '2001:db8:1:1:1:1:1:0'],
    ['::ffff:198.51.100.9', '198.51.100.9'],
    ['::ffff:c633:6409', '198.51.100.9'],
    ['64:ff9b::198.51.100.9', '64:ff9b::c633:6409'],
  ])('reads %s as %s', (text, canonical) => {
    const ip = parseIp(text);
    expect(ip && formatIp(ip)).toBe(canonical);
  });

  it.each(['-', '', 'example.com', '256.1.1.1', '1.2.3', '1.2.3.4.5', '01.2.3.4', '1.2.3.4/32', '2001:db8::1::2', '2001:db8:1:1:1:1:1:1:1', '1:2:3:4:5:6:7', 'fe80::1%eth0', '12345::', ':1', '::g', '::1.2.3'])(
    'refuses %j',
    (text) => expect(parseIp(text)).toBeUndefined(),
  );

  it('writes hosts as WAF does, one address family each', () => {
    expect(hostCidr({ family: 4, value: 0xcb007107n })).toBe('203.0.113.7/32');
    const v6 = parseIp('2001:db8::1');
    expect(v6 && hostCidr(v6)).toBe('2001:db8::1/128');
  });
});

describe('parseCidr and cidrContains', () => {
  it.each([
    ['10.0.0.0/8', '10.255.1.2', true],
    ['10.0.0.0/8', '11.0.0.0', false],
    ['172.16.0.0/12', '172.31.255.255', true],
    ['172.16.0.0/12', '172.32.0.0', false],
    ['192.0.2.0/24', '192.0.2.44', true],
    ['0.0.0.0/0', '198.51.100.9', true],
    ['203.0.113.7/32', '203.0.113.7', true],
    ['203.0.113.7/32', '203.0.113.8', false],
    ['10.1.2.3/8', '10.9.9.9', true],
    ['fc00::/7', 'fd12:3456::1', true],
    ['fc00::/7', 'fe00::1', false],
    ['fe80::/10', 'febf:ffff::1', true],
    ['fe80::/10', 'fec0::1', false],
    ['2001:db8::/32', '2001:db8:ffff::1', true],
    ['2001:db8::/32', '2001:db9::1', false],
    ['::1/128', '::1', true],
    ['::/0', '2001:db8::1', true],
    // Families never mix: an IPv6 range holds no IPv4 address, a mapped source is IPv4.
    ['::/0', '10.0.0.1', false],
    ['10.0.0.0/8', '::ffff:10.0.0.1', true],
    ['0.0.0.0/0', '2001:db8::1', false],
  ])('%s holds %s: %s', (range, address, expected) => expect(inside(range, address)).toBe(expected));

  it.each(['10.0.0.0', '10.0.0.0/33', '::/129', '10.0.0.0/8/1', '10.0.0.0/x', '10.0.0.0/-1', 'a/8', '/8'])('refuses %j', (text) => {
    expect(parseCidr(text)).toBeUndefined();
  });

  it('says which range holds an address', () => {
    const ranges = ['192.0.2.0/24', '10.0.0.0/8'].map(cidr);
    const ip = parseIp('10.1.2.3');
    expect(ip && coveringCidr(ranges, ip)?.text).toBe('10.0.0.0/8');
    const outside = parseIp('198.51.100.9');
    expect(outside && coveringCidr(ranges, outside)).toBeUndefined();
  });
});
