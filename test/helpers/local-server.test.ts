import { Agent, createServer, get } from 'node:http';
import { listenLocal } from './local-server';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => undefined as void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

function fetchText(url: string, agent: Agent): Promise<string> {
  return new Promise((resolve, reject) => {
    get(url, { agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve(body));
      res.on('error', reject);
    }).on('error', reject);
  });
}

test('close waits for a request in flight: its answer arrives whole, then every connection is dropped', async () => {
  const arrived = deferred();
  const release = deferred();
  const server = createServer((_req, res) => {
    arrived.resolve();
    void release.promise.then(() => res.end('answered'));
  });
  const local = await listenLocal(server);
  const agent = new Agent({ keepAlive: true });
  try {
    const answer = fetchText(local.url, agent);
    await arrived.promise;
    const closing = local.close();
    release.resolve();
    await expect(answer).resolves.toBe('answered');
    await closing;
    expect(server.listening).toBe(false);
    // Idle keep-alive connections are the test's to end, never the server's timer.
    expect(server.keepAliveTimeout).toBe(0);
  } finally {
    agent.destroy();
    await local.close();
  }
});
