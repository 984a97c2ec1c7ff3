import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';

export interface SinglePortServer {
  port: number;
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
  const h1 = http.createServer(options.http1);
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
    close: () =>
      new Promise<void>((resolve) => {
        for (const session of h2Sessions) session.destroy();
        for (const socket of sockets) socket.destroy();
        h1.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
