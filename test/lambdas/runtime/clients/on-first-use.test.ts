import { onFirstUse } from '../../../../lambdas/runtime/clients/on-first-use';

describe('onFirstUse', () => {
  it('creates nothing until first asked, then the same value for the container', () => {
    const create = jest.fn(() => ({ made: true }));
    const client = onFirstUse(create);
    expect(create).not.toHaveBeenCalled();
    const first = client();
    expect(client()).toBe(first);
    expect(create).toHaveBeenCalledTimes(1);
  });
});
