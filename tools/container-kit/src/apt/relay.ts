/**
 * A TCP listener inside another network namespace that hands each connection
 * to a Unix socket on the host (Unix sockets are file-system objects, not
 * tied to a network namespace). It is how the container's apt reaches the
 * proxy without any address or route in the host's network. The relay exits
 * when its stdin (a pipe from this process) closes, so it never outlives us.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { ContainerKitError } from '../errors.js';

const RELAY = `
const net = require('node:net');
const [host, port, sock] = process.argv.slice(1);
const server = net.createServer((c) => {
  const u = net.connect(sock);
  const close = () => { c.destroy(); u.destroy(); };
  c.on('error', close); u.on('error', close); c.on('close', close); u.on('close', close);
  c.pipe(u); u.pipe(c);
});
server.on('error', (e) => { process.stderr.write(String(e) + '\\n'); process.exit(1); });
server.listen(Number(port), host, () => process.stdout.write('ready\\n'));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
`;

export interface Relay {
  readonly pid: number;
  stop(): void;
}

export function startRelay(o: {
  /** Argv prefix that enters the namespace (`ip netns exec <ns>`). */
  enter: readonly string[];
  host: string;
  port: number;
  socketPath: string;
}): Promise<Relay> {
  return new Promise((resolve, reject) => {
    const [cmd, ...args] = [
      ...o.enter,
      process.execPath,
      '-e',
      RELAY,
      o.host,
      String(o.port),
      o.socketPath,
    ];
    const child: ChildProcess = spawn(cmd!, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let errText = '';
    let ready = false;
    const stop = () => {
      child.stdin?.end();
      if (child.pid) {
        try {
          process.kill(child.pid, 'SIGKILL');
        } catch {
          // gone
        }
      }
    };
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (!ready && out.includes('ready\n')) {
        ready = true;
        resolve({ pid: child.pid!, stop });
      }
    });
    child.stderr!.setEncoding('utf8').on('data', (d: string) => {
      errText += d;
    });
    child.stdin!.on('error', () => {});
    child.on('error', (e) => reject(new ContainerKitError('apt relay', e.message, { cause: e })));
    child.on('close', (status) => {
      if (!ready)
        reject(
          new ContainerKitError('apt relay', `exited with ${status}`, { details: errText.trim() }),
        );
    });
  });
}
