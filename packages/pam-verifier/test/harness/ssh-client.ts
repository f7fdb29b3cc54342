/** An SSH login with the ssh2 client library: keyboard-interactive (or password), then one command. */
import { Client } from 'ssh2';

export interface SshLoginParameters {
  port: number;
  user: string;
  /** keyboard-interactive: answers each prompt round (all prompt texts joined). */
  answer?: (promptText: string, round: number) => string | Promise<string>;
  /** password authentication instead. */
  password?: string;
  command?: string;
  timeoutMs?: number;
  /** Source address of the connection (any 127.x.y.z reaches a loopback server): sshd's PAM_RHOST. */
  localAddress?: string;
}

export interface SshLoginResult {
  /** Authenticated and the command ran. */
  ok: boolean;
  /** The command's stdout. */
  output: string;
  /** Every keyboard-interactive prompt round the server sent (prompt texts). */
  prompts: string[];
  error?: string;
}

export function sshLogin(p: SshLoginParameters): Promise<SshLoginResult> {
  const prompts: string[] = [];
  return new Promise((resolve) => {
    const conn = new Client();
    let settled = false;
    const done = (r: SshLoginResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      conn.end();
      resolve(r);
    };
    const timer = setTimeout(
      () => done({ ok: false, output: '', prompts, error: 'timeout' }),
      p.timeoutMs ?? 20_000,
    );
    conn.on('keyboard-interactive', (_name, instructions, _lang, list, finish) => {
      const text = [instructions, ...list.map((q) => q.prompt)].filter(Boolean).join('');
      prompts.push(text);
      if (!p.answer || list.length === 0) return finish(list.map(() => ''));
      Promise.resolve(p.answer(text, prompts.length - 1)).then(
        (a) => finish(list.map((_, i) => (i === 0 ? a : ''))),
        () => finish(list.map(() => '')),
      );
    });
    conn.on('ready', () => {
      conn.exec(p.command ?? 'id -un', (err, stream) => {
        if (err) return done({ ok: false, output: '', prompts, error: err.message });
        let out = '';
        stream.on('data', (d: Buffer) => {
          out += d.toString();
        });
        stream.stderr.on('data', () => {});
        stream.on('close', () => done({ ok: true, output: out, prompts }));
      });
    });
    conn.on('error', (e) => done({ ok: false, output: '', prompts, error: e.message }));
    conn.on('close', () => done({ ok: false, output: '', prompts, error: 'closed' }));
    conn.connect({
      host: '127.0.0.1',
      port: p.port,
      username: p.user,
      ...(p.localAddress ? { localAddress: p.localAddress } : {}),
      readyTimeout: p.timeoutMs ?? 20_000,
      ...(p.password !== undefined
        ? { password: p.password, authHandler: ['password'] }
        : { tryKeyboard: true, authHandler: ['keyboard-interactive'] }),
    });
  });
}
