/**
 * Who gets in: the one-time code (wrong 10 times locks, also on the console;
 * expired is refused; used once, never again), sessions and CSRF on every
 * form, and the security headers.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { CODE_LIFETIME_MS, displayCode } from '../src/code.js';
import { layoutSchema } from '../src/layout.js';
import { createWizardServer } from '../src/web/server.js';

const facts = {
  nodeName: 'pve1',
  nodes: ['pve1'],
  bridges: [{ name: 'vmbr0', address: '10.1.0.5/24' }],
  dns: ['10.1.0.1'],
  storages: [{ id: 'local-lvm', type: 'lvmthin', content: ['images'] }],
  vms: [],
  pve: { url: 'https://127.0.0.1:8006' },
};

let dir = '';
let app: FastifyInstance | null = null;
afterEach(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function start(clock: { t: number }) {
  dir = mkdtempSync(join(tmpdir(), 'bh-wizard-access-'));
  const layout = layoutSchema.parse({
    runDir: join(dir, 'run'),
    finalizeDir: join(dir, 'setup'),
    issueFile: join(dir, 'issue'),
    setupComplete: join(dir, 'done'),
    configDir: join(dir, 'etc'),
  });
  const started: number[] = [];
  const s = await createWizardServer({
    layout,
    facts,
    urls: ['http://10.1.0.5/'],
    launcher: { start: () => started.push(1) },
    now: () => clock.t,
  });
  app = s.app;
  return { ...s, layout, started };
}

/** A browser's visit to /login: its cookie and the form's CSRF token. */
async function visit(a: FastifyInstance) {
  const r = await a.inject({ method: 'GET', url: '/login' });
  const cookie = String(r.headers['set-cookie']).split(';')[0]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(r.body)![1]!;
  return { cookie, csrf };
}

const login = (a: FastifyInstance, v: { cookie: string; csrf: string }, code: string) =>
  a.inject({
    method: 'POST',
    url: '/login',
    headers: { cookie: v.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: `_csrf=${encodeURIComponent(v.csrf)}&code=${encodeURIComponent(code)}`,
  });

describe('the one-time code', () => {
  it('has 8 characters from an alphabet without look-alikes, shown on the console', async () => {
    const { code, layout } = await start({ t: Date.now() });
    expect(code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/);
    expect(readFileSync(layout.issueFile, 'utf8')).toContain(displayCode(code));
  });

  it('locks after 10 wrong tries, for the right code too, and the console says so', async () => {
    const { app: a, code, layout } = await start({ t: Date.now() });
    const v = await visit(a);
    for (let i = 1; i <= 9; i++) {
      const r = await login(a, v, 'ZZZZZZZZ');
      expect(r.statusCode, `try ${i}`).toBe(401);
      expect(r.body).toContain(`${10 - i} ${10 - i === 1 ? 'try' : 'tries'} left`);
    }
    expect((await login(a, v, 'ZZZZZZZZ')).statusCode).toBe(423);
    const right = await login(a, v, code);
    expect(right.statusCode).toBe(423);
    const after = await a.inject({
      method: 'GET',
      url: '/step/network',
      headers: { cookie: v.cookie },
    });
    expect(after.headers.location).toBe('/login');
    expect(readFileSync(layout.issueFile, 'utf8')).toContain('LOCKED');
  });

  it('refuses an expired code', async () => {
    const clock = { t: Date.now() };
    const { app: a, code } = await start(clock);
    const v = await visit(a);
    clock.t += CODE_LIFETIME_MS + 1000;
    const r = await login(a, v, code);
    expect(r.statusCode).toBe(403);
    expect(r.body).toContain('expired');
  });

  it('opens one session only: a used code cannot start a second one', async () => {
    const { app: a, code, layout } = await start({ t: Date.now() });
    const first = await login(a, await visit(a), displayCode(code).toLowerCase());
    expect(first.statusCode).toBe(303);
    const session = String(first.headers['set-cookie']).split(';')[0]!;
    expect(String(first.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    expect(
      (await a.inject({ method: 'GET', url: '/step/network', headers: { cookie: session } }))
        .statusCode,
    ).toBe(200);
    const second = await login(a, await visit(a), code);
    expect(second.statusCode).toBe(403);
    expect(second.body).toContain('already used');
    expect(readFileSync(layout.issueFile, 'utf8')).toContain('was used');
  });
});

describe('sessions and CSRF', () => {
  it('a request without the session is sent to the login; a wrong or missing CSRF token is refused', async () => {
    const { app: a, code, started } = await start({ t: Date.now() });
    expect((await a.inject({ method: 'GET', url: '/summary' })).headers.location).toBe('/login');
    const noSession = await a.inject({
      method: 'POST',
      url: '/finalize',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: '_csrf=x',
    });
    expect([303, 403]).toContain(noSession.statusCode);
    const v = await visit(a);
    const ok = await login(a, v, code);
    const cookie = String(ok.headers['set-cookie']).split(';')[0]!;
    const form = await a.inject({ method: 'GET', url: '/step/network', headers: { cookie } });
    const good = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
    const post = (payload: string) =>
      a.inject({
        method: 'POST',
        url: '/step/network',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload,
      });
    const body =
      'bridge=vmbr0&cidr=10.1.0.0%2F24&gateway=10.1.0.1&range_start=10.1.0.100&range_end=10.1.0.200&dns=10.1.0.1';
    expect((await post(`_csrf=wrong&${body}`)).statusCode).toBe(403);
    expect((await post(body)).statusCode).toBe(403);
    expect((await post(`_csrf=${encodeURIComponent(good)}&${body}`)).statusCode).toBe(303);
    // Login CSRF too: the code form needs its token.
    const bare = await a.inject({
      method: 'POST',
      url: '/login',
      headers: { cookie: v.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `code=${code}`,
    });
    expect(bare.statusCode).toBe(403);
    expect(started).toEqual([]);
  });

  it('sends security headers: a CSP that allows only this server, no framing, no referrer', async () => {
    const { app: a } = await start({ t: Date.now() });
    const r = await a.inject({ method: 'GET', url: '/login' });
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/https?:/);
    expect(r.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  });
});
