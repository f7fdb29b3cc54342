/**
 * Someone on the network path between the customer's browser and the VM's
 * signing service: listens where the browser's name resolution sends it and
 * either relays the bytes untouched (it cannot read TLS) or answers itself —
 * terminating TLS with its own certificate when the page is HTTPS — with
 * whatever it likes.
 */
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, createServer as createTcpServer, type Server, type Socket } from 'node:net';

export type OnPathHandler = (
  req: IncomingMessage,
  body: string,
  res: ServerResponse,
) => void | Promise<void>;

export interface OnPath {
  /** Relay bytes to the real service (the default). */
  relay(): void;
  /** Answer requests with `handler` (over TLS with `tls` when given). */
  intercept(handler: OnPathHandler, tls?: { cert: string; key: string }): void;
  stop(): Promise<void>;
}

export async function startOnPath(
  listen: { host: string; port: number },
  target: { host: string; port: number },
): Promise<OnPath> {
  let mode: { kind: 'relay' } | { kind: 'intercept'; server: Server } = { kind: 'relay' };
  const sockets = new Set<Socket>();
  const front = createTcpServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    if (mode.kind === 'intercept') {
      mode.server.emit('connection', client);
      return;
    }
    const upstream = connect(target.port, target.host);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => front.listen(listen.port, listen.host, () => r()));
  // A new mode takes over the path: connections the browser keeps open end too.
  const cut = () => {
    for (const s of sockets) s.destroy();
  };
  return {
    relay: () => {
      cut();
      mode = { kind: 'relay' };
    },
    intercept: (handler, tls) => {
      cut();
      const serve = (req: IncomingMessage, res: ServerResponse) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          Promise.resolve(handler(req, Buffer.concat(chunks).toString('utf8'), res)).catch(() => {
            res.writeHead(502).end();
          });
        });
      };
      mode = {
        kind: 'intercept',
        server: tls
          ? createHttpsServer({ cert: tls.cert, key: tls.key }, serve)
          : createHttpServer(serve),
      };
    },
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => front.close(r));
    },
  };
}
