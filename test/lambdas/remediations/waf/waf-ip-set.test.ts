import { uncoveredHosts } from '../../../../lambdas/remediations/waf/waf-ip-set';

describe('waf-ip-set helpers', () => {
  it('treats a host inside a listed range as covered, also for IPv6 written differently', () => {
    const existing = ['192.0.2.0/24', '2001:db8:0:0::/64'];
    expect(uncoveredHosts(existing, ['192.0.2.9/32', '198.51.100.1/32', '2001:0db8::5/128', '2001:db9::1/128'])).toEqual([
      '198.51.100.1/32',
      '2001:db9::1/128',
    ]);
  });

  it('drops duplicates and ignores existing entries it cannot parse', () => {
    expect(uncoveredHosts(['not-a-cidr', '10.0.0.0/99'], ['10.0.0.1/32', '10.0.0.1/32'])).toEqual(['10.0.0.1/32']);
  });
});
