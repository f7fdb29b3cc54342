/**
 * The wizard's HTTP server: Fastify with its official plugins — helmet
 * (security headers, a strict CSP: everything from this server), rate-limit,
 * cookie + session (server-side store; the cookie holds only a signed id),
 * csrf-protection (a token in every form), formbody, static (the CSS and JS
 * shipped in the package). Forms work without JavaScript.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySession from '@fastify/session';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { issueText, OneTimeCode } from '../code.js';
import { type FinalizeState, lockHeld, readState } from '../finalize/state.js';
import { finalizeFiles, type Layout, runFiles } from '../layout.js';
import type { MachineFacts } from '../machine/types.js';
import type { Settings } from '../settings.js';
import {
  blockchainDefaults,
  type Errors,
  ipv6Defaults,
  networkDefaults,
  parseBlockchain,
  parseIpv6,
  parseNetwork,
  parseProxmox,
  parseStorage,
  proxmoxDefaults,
  type Raw,
  STEP_IDS,
  type StepId,
  storageDefaults,
} from './steps.js';
import * as views from './views.js';

export interface FinalizeLauncher {
  /** Starts (or continues) the finalize; settings and key are already in the run dir. */
  start(): void;
}

export interface WizardServerOptions {
  layout: Layout;
  facts: MachineFacts;
  launcher: FinalizeLauncher;
  /** The addresses to show on the console (http://<ip>/). */
  urls: string[];
  now?: () => number;
  logger?: boolean | object;
  staticDir?: string;
}

interface Draft {
  raw: Partial<Record<StepId, Raw>>;
  settings: Partial<{
    network: Settings['network'];
    storage: Settings['storage'];
    chain: Settings['chain'];
    proxmox: Settings['proxmox'];
    ipv6: Settings['ipv6'];
  }>;
}

const SETTINGS_KEY: Record<StepId, keyof Draft['settings']> = {
  network: 'network',
  storage: 'storage',
  blockchain: 'chain',
  proxmox: 'proxmox',
  ipv6: 'ipv6',
};

/** A small in-memory session store with expiry: sessions die with the process, as they should. */
class MemoryStore {
  #m = new Map<string, { s: unknown; exp: number }>();
  set(sid: string, s: unknown, cb: (e?: unknown) => void) {
    this.#m.set(sid, { s, exp: Date.now() + 4 * 3600_000 });
    cb();
  }
  get(sid: string, cb: (e: unknown, s?: unknown) => void) {
    const x = this.#m.get(sid);
    if (!x || x.exp < Date.now()) {
      this.#m.delete(sid);
      cb(null, null);
    } else cb(null, x.s);
  }
  destroy(sid: string, cb: (e?: unknown) => void) {
    this.#m.delete(sid);
    cb();
  }
}

function defaultStaticDir(): string {
  for (const rel of ['../static/', '../../static/']) {
    const p = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(`${p}/wizard.css`)) return p;
  }
  return fileURLToPath(new URL('../../static/', import.meta.url));
}

export async function createWizardServer(
  o: WizardServerOptions,
): Promise<{ app: FastifyInstance; code: string }> {
  const now = o.now ?? Date.now;
  const l = o.layout;
  const run = runFiles(l);
  const fin = finalizeFiles(l);
  // The lock is root's; the web process reads the holder finalize publishes beside the progress.
  const finalizing = () => lockHeld(run.running) || lockHeld(fin.lock);
  mkdirSync(l.runDir, { recursive: true, mode: 0o700 });
  const writeIssue = (text: string) => {
    mkdirSync(dirname(l.issueFile), { recursive: true });
    writeFileSync(l.issueFile, text);
  };
  // A new code for every start: restarting the service is how an operator gets a fresh one.
  const { code, store: codes } = OneTimeCode.create(run.code, now);
  writeIssue(issueText({ kind: 'code', urls: o.urls, code, expiresAt: codes.expiresAt }));
  // Secrets typed into the browser live here, by session id, never in the session or a cookie.
  const vault = new Map<string, string>();

  const app = Fastify({ logger: o.logger ?? false, trustProxy: false, bodyLimit: 64 * 1024 });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    // Served over plain http on first boot: no HSTS, no upgrade to an https that is not there.
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'no-referrer' },
  });
  await app.register(fastifyRateLimit, { max: 600, timeWindow: '1 minute' });
  await app.register(fastifyFormbody);
  await app.register(fastifyCookie);
  await app.register(fastifySession, {
    secret: randomBytes(32).toString('hex'),
    cookieName: 'bh_wizard',
    store: new MemoryStore() as never,
    saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: 'strict', secure: false, path: '/', maxAge: 4 * 3600_000 },
  });
  await app.register(fastifyCsrf, { sessionPlugin: '@fastify/session' });
  await app.register(fastifyStatic, {
    root: o.staticDir ?? defaultStaticDir(),
    prefix: '/static/',
    index: false,
    maxAge: 0,
  });

  const state = (): FinalizeState | null => readState(run.progress);
  const started = () => state() !== null;

  const html = (reply: FastifyReply, body: string, status = 200) =>
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(body);
  const draftOf = (req: FastifyRequest): Draft =>
    (req.session.get('draft' as never) as Draft | undefined) ?? { raw: {}, settings: {} };
  const saveDraft = (req: FastifyRequest, d: Draft) =>
    req.session.set('draft' as never, d as never);
  const doneSteps = (d: Draft) => {
    const s = new Set<string>(STEP_IDS.filter((id) => d.settings[SETTINGS_KEY[id]]));
    if (STEP_IDS.every((id) => s.has(id))) s.add('summary');
    return s;
  };

  // After setup the wizard serves nothing but that fact.
  app.addHook('onRequest', async (req, reply) => {
    if (req.url.startsWith('/static/') || req.url.startsWith('/progress')) return;
    if (existsSync(l.setupComplete)) {
      return html(
        reply,
        views.messagePage(
          'Setup is complete',
          'This host is already set up; the setup wizard is off.',
        ),
        410,
      );
    }
  });
  // The token is in the form body: checked once the body is parsed.
  const csrf = { preHandler: app.csrfProtection };
  const auth = async (req: FastifyRequest, reply: FastifyReply) => {
    if (req.session.get('authenticated' as never) !== true) return reply.redirect('/login', 303);
  };

  app.get('/', async (req, reply) => {
    if (req.session.get('authenticated' as never) !== true) return reply.redirect('/login', 303);
    if (started()) return reply.redirect('/progress', 303);
    const d = draftOf(req);
    const next = STEP_IDS.find((id) => !d.settings[SETTINGS_KEY[id]]);
    return reply.redirect(next ? `/step/${next}` : '/summary', 303);
  });

  app.get('/login', async (req, reply) => {
    if (req.session.get('authenticated' as never) === true) return reply.redirect('/', 303);
    if (codes.locked)
      return html(
        reply,
        views.messagePage(
          'Locked',
          'The one-time code was entered wrong 10 times and is locked. Restart the wizard on the console (systemctl restart blockhost-wizard) for a new code.',
          'bad',
        ),
        423,
      );
    return html(reply, views.loginPage(reply.generateCsrf()));
  });

  app.post(
    '/login',
    { ...csrf, config: { rateLimit: { max: 20, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const body = (req.body ?? {}) as Record<string, string>;
      const verdict = codes.verify(String(body.code ?? ''));
      if (verdict === 'ok') {
        // A fresh session id at login (no fixation); the code is used up.
        await req.session.regenerate();
        req.session.set('authenticated' as never, true as never);
        writeIssue(issueText({ kind: 'in-use' }));
        req.log.info('one-time code accepted: session started');
        return reply.redirect('/', 303);
      }
      req.log.warn({ verdict, triesLeft: codes.triesLeft }, 'one-time code refused');
      if (verdict === 'locked') {
        writeIssue(issueText({ kind: 'locked' }));
        return html(
          reply,
          views.messagePage(
            'Locked',
            'The one-time code was entered wrong 10 times and is locked. Restart the wizard on the console (systemctl restart blockhost-wizard) for a new code.',
            'bad',
          ),
          423,
        );
      }
      const msg =
        verdict === 'expired'
          ? 'This code has expired (codes last 4 hours). Restart the wizard on the console for a new one.'
          : verdict === 'used'
            ? 'This code was already used to open a session. Restart the wizard on the console for a new one.'
            : `Wrong code. ${codes.triesLeft} ${codes.triesLeft === 1 ? 'try' : 'tries'} left before it locks.`;
      return html(
        reply,
        views.loginPage(reply.generateCsrf(), msg),
        verdict === 'wrong' ? 401 : 403,
      );
    },
  );

  const render = (
    id: StepId,
    req: FastifyRequest,
    reply: FastifyReply,
    raw: Raw,
    errors: Errors,
    notes: Record<string, string>,
    status = 200,
  ) => {
    const c = {
      csrf: reply.generateCsrf(),
      raw,
      errors,
      notes,
      facts: o.facts,
      done: doneSteps(draftOf(req)),
    };
    const sid = req.session.sessionId;
    const body =
      id === 'network'
        ? views.networkPage(c)
        : id === 'storage'
          ? views.storagePage(c)
          : id === 'blockchain'
            ? views.blockchainPage(
                c,
                vault.has(sid)
                  ? (draftOf(req).settings.chain?.deployer ?? 'the key entered')
                  : undefined,
              )
            : id === 'proxmox'
              ? views.proxmoxPage(c)
              : views.ipv6Page(c);
    return html(reply, body, status);
  };
  const defaults = (id: StepId): Raw =>
    id === 'network'
      ? networkDefaults(o.facts)
      : id === 'storage'
        ? storageDefaults(o.facts)
        : id === 'blockchain'
          ? blockchainDefaults()
          : id === 'proxmox'
            ? proxmoxDefaults(o.facts)
            : ipv6Defaults();

  app.get<{ Params: { id: string } }>('/step/:id', { onRequest: auth }, async (req, reply) => {
    const id = req.params.id as StepId;
    if (!STEP_IDS.includes(id)) return reply.code(404).send();
    const d = draftOf(req);
    return render(id, req, reply, { ...defaults(id), ...(d.raw[id] ?? {}) }, {}, {});
  });

  app.post<{ Params: { id: string } }>(
    '/step/:id',
    { onRequest: auth, preHandler: app.csrfProtection },
    async (req, reply) => {
      const id = req.params.id as StepId;
      if (!STEP_IDS.includes(id)) return reply.code(404).send();
      const raw = { ...(req.body as Raw) };
      delete raw._csrf;
      const secretTyped = typeof raw.deployer_key === 'string' ? raw.deployer_key : undefined;
      // The key is never stored with the form values nor rendered back.
      delete raw.deployer_key;
      const d = draftOf(req);
      const sid = req.session.sessionId;
      let parsed:
        | { ok: true; value: unknown; notes?: Record<string, string> }
        | { ok: false; errors: Errors };
      let key: string | undefined;
      if (id === 'network') parsed = parseNetwork(raw, o.facts);
      else if (id === 'storage') parsed = parseStorage(raw, o.facts, l.snippetsDir);
      else if (id === 'blockchain') {
        const r = await parseBlockchain(
          { ...raw, deployer_key: secretTyped ?? '' },
          vault.get(sid),
        );
        parsed = r;
        key = r.ok ? r.key : undefined;
      } else if (id === 'proxmox')
        parsed = await parseProxmox(raw, o.facts, d.settings.storage, d.settings.network?.bridge);
      else parsed = parseIpv6(raw);
      if (!parsed.ok) return render(id, req, reply, raw, parsed.errors, {}, 422);
      if (key) vault.set(sid, key);
      d.raw[id] = raw;
      (d.settings as Record<string, unknown>)[SETTINGS_KEY[id]] = parsed.value;
      saveDraft(req, d);
      const next = STEP_IDS[STEP_IDS.indexOf(id) + 1];
      return reply.redirect(next ? `/step/${next}` : '/summary', 303);
    },
  );

  app.get('/summary', { onRequest: auth }, async (req, reply) => {
    const d = draftOf(req);
    const missing = STEP_IDS.filter((id) => !d.settings[SETTINGS_KEY[id]]);
    return html(reply, views.summaryPage(d.settings, reply.generateCsrf(), doneSteps(d), missing));
  });

  app.post('/finalize', { onRequest: auth, preHandler: app.csrfProtection }, async (req, reply) => {
    const d = draftOf(req);
    const sid = req.session.sessionId;
    if (STEP_IDS.some((id) => !d.settings[SETTINGS_KEY[id]]))
      return reply.redirect('/summary', 303);
    if (finalizing()) return reply.redirect('/progress', 303);
    const s = d.settings as Settings;
    writeFileSync(run.settings, `${JSON.stringify(s, null, 2)}\n`, { mode: 0o600 });
    const key = vault.get(sid);
    if (key) writeFileSync(run.deployerKey, `${key}\n`, { mode: 0o600 });
    req.log.info('finalize requested');
    o.launcher.start();
    return reply.redirect('/progress', 303);
  });

  app.get('/progress', { onRequest: auth }, async (_req, reply) => {
    const st = state();
    return html(reply, views.progressPage(st, reply.generateCsrf(), !finalizing()));
  });
  app.get('/progress.json', { onRequest: auth }, async (_req, reply) => {
    const st = state();
    return reply.header('cache-control', 'no-store').send({
      running: finalizing(),
      state: st ? { steps: st.steps, finished: st.finished } : null,
    });
  });

  return { app, code };
}
