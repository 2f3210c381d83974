import { wafv2Client, wafv2ClientFor } from '../../../../lambdas/runtime/clients/wafv2';

describe('wafv2ClientFor', () => {
  it('uses the regional client for REGIONAL IP sets', () => {
    expect(wafv2ClientFor('REGIONAL')).toBe(wafv2Client());
  });

  it('uses one us-east-1 client for CLOUDFRONT IP sets, whatever the region', async () => {
    const client = wafv2ClientFor('CLOUDFRONT');
    expect(client).not.toBe(wafv2Client());
    expect(wafv2ClientFor('CLOUDFRONT')).toBe(client);
    await expect(client.config.region()).resolves.toBe('us-east-1');
  });
});
