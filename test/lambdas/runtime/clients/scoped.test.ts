import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { withCredentials } from '../../../../lambdas/runtime/clients/on-first-use';
import { cloudwatchClientFor } from '../../../../lambdas/runtime/clients/cloudwatch';
import { snsClientIn } from '../../../../lambdas/runtime/clients/sns';
import { wafv2ClientFor } from '../../../../lambdas/runtime/clients/wafv2';

const SCOPED = { accessKeyId: 'ASIASCOPED', secretAccessKey: 'secret', sessionToken: 'token' };
const DIR = join(__dirname, '../../../../lambdas/runtime/clients');
/** Makes the scoped credentials with the responder's own: never scoped itself. */
const UNSCOPED = new Set(['sts.ts', 'on-first-use.ts']);

interface SdkClient {
  readonly config: { readonly credentials: () => Promise<{ accessKeyId: string }> };
}
const isClient = (v: unknown): v is SdkClient => typeof v === 'object' && v !== null && 'config' in v && 'send' in v;

/** Every client getter a module exports (a function of no arguments returning an SDK client). */
async function gettersOf(file: string): Promise<Array<[string, () => unknown]>> {
  const mod = (await import(join(DIR, file))) as Record<string, unknown>;
  return Object.entries(mod).filter((e): e is [string, () => unknown] => typeof e[1] === 'function' && e[1].length === 0);
}

describe('clients inside a credentials scope', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.ts') && !UNSCOPED.has(f));

  it.each(files)('%s: every client it hands out in a scope is made with the scope\'s credentials, a new one', async (file) => {
    const getters = await gettersOf(file);
    expect(getters.length).toBeGreaterThan(0);
    for (const [name, get] of getters) {
      const shared = get();
      if (!isClient(shared)) continue;
      const scoped = await withCredentials(SCOPED, async () => get());
      expect({ name, same: scoped === shared }).toEqual({ name, same: false });
      if (!isClient(scoped)) throw new Error(`${name} returned no client in a scope`);
      await expect(scoped.config.credentials()).resolves.toMatchObject({ accessKeyId: 'ASIASCOPED' });
    }
  });

  it('covers the per-region and per-scope helpers too', async () => {
    const clients = await withCredentials(SCOPED, async () => [cloudwatchClientFor('ap-south-1'), snsClientIn('eu-central-1'), wafv2ClientFor('CLOUDFRONT')]);
    for (const client of clients) await expect(client.config.credentials()).resolves.toMatchObject({ accessKeyId: 'ASIASCOPED' });
    expect(cloudwatchClientFor('ap-south-1')).not.toBe(clients[0]);
  });

  it('gives the same client of a kind within one scope, and another scope its own', async () => {
    const { lambdaClient } = await import('../../../../lambdas/runtime/clients/lambda');
    const [a, b] = await withCredentials(SCOPED, async () => [lambdaClient(), lambdaClient()]);
    const c = await withCredentials(SCOPED, async () => lambdaClient());
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });
});
