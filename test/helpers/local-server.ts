/**
 * The lifecycle every HTTP server a test starts on loopback shares (dynalite, the fake AWS
 * endpoint). Two faults made the suite fail on a busy machine, and both are closed here:
 * - Node closes an idle keep-alive connection after 5 s by default, while the SDK's agent keeps
 *   it for reuse: on a loaded machine a request sent on it as the server closes it fails with
 *   ECONNRESET. Idle connections stay open until the test closes the server.
 * - Closing while a request is still being answered let dynalite receive work after its database
 *   closed ("Database is closed", thrown outside any test). `close` waits for the requests in
 *   flight, then drops every connection, then stops the server.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LocalServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** Waits for requests in flight, closes every connection, stops listening. Safe to call twice. */
  close(): Promise<void>;
}

export async function listenLocal(server: Server): Promise<LocalServer> {
  // 0 disables the idle timeout: only close() ends a connection.
  server.keepAliveTimeout = 0;
  let inFlight = 0;
  let drained: (() => void) | undefined;
  server.on('request', (_req, res) => {
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
      if (inFlight === 0) drained?.();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  const close = async (): Promise<void> => {
    if (inFlight > 0) await new Promise<void>((resolve) => (drained = resolve));
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
  };
  return { url: `http://127.0.0.1:${port}`, close: () => (closing ??= close()) };
}
