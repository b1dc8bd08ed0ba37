import net from 'node:net';

/**
 * A TCP proxy in front of the Neo4j test server that can drop every connection on cue: the way
 * to lose a real Bolt connection in the middle of a load.
 */
export interface FlakyProxy {
  uri: string;
  /** Drop all open connections once the client has sent this many more bytes. */
  dropAfter(bytes: number): void;
  /** Drop everything now and refuse new connections until up(). */
  down(): void;
  up(): void;
  drops: number;
  close(): Promise<void>;
}

export async function flakyProxy(target: string): Promise<FlakyProxy> {
  const u = new URL(target);
  const host = u.hostname;
  const port = Number(u.port || 7687);
  const sockets = new Set<net.Socket>();
  let isDown = false;
  let budget = Infinity;
  const state = { drops: 0 };

  const dropAll = (): void => {
    state.drops++;
    for (const s of sockets) s.destroy();
    sockets.clear();
  };

  const server = net.createServer((client) => {
    if (isDown) {
      client.destroy();
      return;
    }
    const upstream = net.connect({ host, port });
    sockets.add(client);
    sockets.add(upstream);
    client.on('data', (chunk) => {
      budget -= chunk.length;
      if (budget <= 0) {
        budget = Infinity;
        dropAll();
        return;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => client.write(chunk));
    const end = (): void => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address() as net.AddressInfo;
  return {
    uri: `bolt://127.0.0.1:${addr.port}`,
    dropAfter: (bytes) => {
      budget = bytes;
    },
    down: () => {
      isDown = true;
      dropAll();
    },
    up: () => {
      isDown = false;
    },
    get drops() {
      return state.drops;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
