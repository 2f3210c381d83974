import { ConfigError } from '../../lib/config/problems';
import { configWith } from '../helpers/config';

/** telehealth-crm's auth log (systems[4].resources.logGroup[0] of the default configuration) blocks into an IP set. */
const WAF = 'systems.4.resources.logGroup.0.wafIpSet';
const IP_SET = { name: 'telehealth-crm-blocklist', id: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111', scope: 'REGIONAL' };

describe('wafIpSet.allowCidrs', () => {
  it('takes IPv4 and IPv6 ranges, which reach the target the waf responder reads', () => {
    const config = configWith({ [WAF]: { ...IP_SET, allowCidrs: ['203.0.113.10/32', '2001:db8::/32'] } });
    expect(config.systems[4]?.resources.logGroup?.[0]).toMatchObject({ wafIpSet: { allowCidrs: ['203.0.113.10/32', '2001:db8::/32'] } });
  });

  it.each(['203.0.113.10', '10.0.0.0/33', 'nat-gateway', '010.0.0.0/8'])('fails on %j, naming the path', (cidr) => {
    expect(() => configWith({ [WAF]: { ...IP_SET, allowCidrs: [cidr] } })).toThrow(ConfigError);
    expect(() => configWith({ [WAF]: { ...IP_SET, allowCidrs: [cidr] } })).toThrow(/systems\[4\]\.resources\.logGroup\[0\]\.wafIpSet\.allowCidrs\[0\]/);
  });
});
