import { interceptClients, onFirstUse } from '../../../../lambdas/runtime/clients/on-first-use';

/** A client as the SDK's are: `send` on the class, not on the instance. */
class FakeClient {
  async send(command: object): Promise<unknown> {
    return { sentBy: 'AWS', command };
  }
}

afterEach(() => interceptClients(undefined));

describe('onFirstUse', () => {
  it('creates nothing until first asked, then the same value for the container', () => {
    const create = jest.fn(() => ({ made: true }));
    const client = onFirstUse(create);
    expect(create).not.toHaveBeenCalled();
    const first = client();
    expect(client()).toBe(first);
    expect(create).toHaveBeenCalledTimes(1);
  });

  it('leaves a client’s own send alone when nothing intercepts (every deployed responder)', async () => {
    const client = onFirstUse(() => new FakeClient())();
    expect(Object.prototype.hasOwnProperty.call(client, 'send')).toBe(false);
    await expect(client.send({ op: 1 })).resolves.toEqual({ sentBy: 'AWS', command: { op: 1 } });
  });

  it('puts clients made before and after behind the interceptor, and takes them back out', async () => {
    const before = onFirstUse(() => new FakeClient())();
    interceptClients(async (client, command, send) => ({ intercepted: client instanceof FakeClient, through: await send(command) }));
    const after = onFirstUse(() => new FakeClient())();
    for (const client of [before, after]) await expect(client.send({ op: 2 })).resolves.toEqual({ intercepted: true, through: { sentBy: 'AWS', command: { op: 2 } } });
    interceptClients(undefined);
    await expect(before.send({ op: 3 })).resolves.toEqual({ sentBy: 'AWS', command: { op: 3 } });
  });
});
