import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';

export interface SinglePortServer {
  port: number;
  /**
   * An outage: the port refuses new connections (ECONNREFUSED) until `resume`. Calls already being
   * answered finish; idle connections are closed (HTTP/2 with GOAWAY) so the clients reconnect.
   * Resolves once the idle connections are gone.
   */
  suspend(): Promise<void>;
  /** Listens again on the same port. */
  resume(): Promise<void>;
  close(): Promise<void>;
}

/**
 * One TCP port for both of the SDK's transports: gRPC over h2c with prior knowledge (its first
 * bytes are the `PRI * HTTP/2.0` preface) and axios over HTTP/1.1 (token, proxy, pages).
 */
export async function listenSinglePort(options: {
  host: string;
  port: number;
  http1: http.RequestListener;
  http2: (req: http2.Http2ServerRequest, res: http2.Http2ServerResponse) => void;
}): Promise<SinglePortServer> {
  let suspended = false;
  // h1 never listens itself (sockets are handed to it), so it does not track them: done here.
  const h1Sockets = new Set<net.Socket>();
  const h1Busy = new Map<net.Socket, http.ServerResponse>();
  const h1 = http.createServer((req, res) => {
    const socket = req.socket;
    h1Busy.set(socket, res);
    // During an outage a call that was already on its way is answered, then its connection closes.
    if (suspended) res.shouldKeepAlive = false;
    res.on('close', () => {
      h1Busy.delete(socket);
      // end(), not destroy(): the answer may still be in the socket's write buffer.
      if (suspended) socket.end();
    });
    options.http1(req, res);
  });
  h1.keepAliveTimeout = 5_000;
  const h2 = http2.createServer(options.http2);
  const sockets = new Set<net.Socket>();
  const h2Sessions = new Set<http2.ServerHttp2Session>();
  h2.on('session', (session) => {
    h2Sessions.add(session);
    session.on('close', () => h2Sessions.delete(session));
  });

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.once('data', (first: Buffer) => {
      socket.pause();
      socket.unshift(first);
      if (first.subarray(0, 3).toString('latin1') === 'PRI') {
        // The HTTP/2 session reads the socket itself; resuming it here would corrupt the stream.
        h2.emit('connection', socket);
      } else {
        h1Sockets.add(socket);
        socket.on('close', () => h1Sockets.delete(socket));
        h1.emit('connection', socket);
        socket.resume();
      }
    });
    socket.on('error', () => socket.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as net.AddressInfo;

  return {
    port: address.port,
    suspend: async () => {
      if (suspended) return;
      suspended = true;
      server.close();
      const sessions = [...h2Sessions].map((session) => new Promise<void>((resolve) => session.close(() => resolve())));
      // Answers still to come say `Connection: close`, so the client does not reuse their socket.
      for (const res of h1Busy.values()) if (!res.headersSent) res.shouldKeepAlive = false;
      const idle = [...h1Sockets].filter((socket) => !h1Busy.has(socket));
      const closed = idle.map((socket) => new Promise<void>((resolve) => socket.once('close', () => resolve())));
      for (const socket of idle) socket.destroy();
      await Promise.all([...sessions, ...closed]);
      // A poll phase of the event loop in between, so in-process clients see the closed sockets before their next call.
      for (let turn = 0; turn < 2; turn += 1) await new Promise<void>((resolve) => setImmediate(resolve));
    },
    resume: async () => {
      if (!suspended) return;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(address.port, options.host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      suspended = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const session of h2Sessions) session.destroy();
        for (const socket of sockets) socket.destroy();
        h1.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
