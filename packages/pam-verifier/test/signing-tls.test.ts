/**
 * The signing page against someone on the network path (real sshd + PAM, the
 * bundled signing service, Debian's Chromium with an injected EIP-1193
 * wallet). The browser reaches the VM's host name through an on-path party
 * that either relays bytes or answers itself.
 *
 * The customer's part is what the README asks of them: open the URL the SSH
 * prompt shows, check that the certificate's SHA-256 fingerprint is the one in
 * their NFT's connection details (and in the prompt), check the code, sign.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveSigningTls, type SigningTlsIdentity } from '../src/index.js';
import { buildBundles, removeBundles } from './harness/bundles.js';
import { alice, mallory } from './harness/keys.js';
import { messageOf, outcomeOf, sessionOf } from './harness/login-log.js';
import { type OnPath, startOnPath } from './harness/on-path.js';
import {
  launchChromium,
  type RunningBrowser,
  type RunningSigner,
  startSigner,
} from './harness/processes.js';
import { sshLogin } from './harness/ssh-client.js';
import {
  addToWalletGroup,
  createTestSystem,
  freePort,
  installInto,
  type RunningSshd,
  startSshd,
  type TestSystem,
  testConfig,
} from './harness/system.js';
import { injectWallet } from './harness/wallet.js';

const HOST = 'vm-test.blockhost.test';
const ON_PATH = '127.0.0.3';

let sys: TestSystem;
let sshd: RunningSshd;
let signer: RunningSigner;
let port: number;
let onPath: OnPath;
let browser: RunningBrowser;
/** The VM's signing-page identity, as the host derives it; its fingerprint is in the NFT's details. */
let identity: SigningTlsIdentity;
let attackerTls: { cert: string; key: string };

beforeAll(async () => {
  const bundles = await buildBundles();
  sys = createTestSystem([
    { name: 'alice', uid: 61051, gecos: `wallet=${alice.address}`, wallet: true },
  ]);
  port = await freePort();
  identity = deriveSigningTls({ secret: new Uint8Array(32).fill(7), hostName: HOST });
  // The signing service runs outside the test's mount namespace: the files live in the scratch dir.
  writeFileSync(join(sys.tmp, 'signing.crt'), identity.certPem);
  writeFileSync(join(sys.tmp, 'signing.key'), identity.keyPem, { mode: 0o600 });
  const tls = {
    tlsCert: join(sys.tmp, 'signing.crt'),
    tlsKey: join(sys.tmp, 'signing.key'),
    tlsFingerprint: identity.fingerprint,
  };
  const config = testConfig(sys, {
    host: HOST,
    browserWaitSeconds: 3,
    rateLimit: { maxFailures: 100, windowSeconds: 60 },
    signing: { enabled: true, port, listen: '127.0.0.1', ...tls },
  });
  installInto(sys, bundles, config);
  addToWalletGroup(sys, [{ name: 'alice', uid: 61051, wallet: true }]);
  // The attacker's own certificate for the VM's name (any CA would refuse to issue one): made
  // the same way, from a secret only the attacker holds.
  const forged = deriveSigningTls({ secret: new Uint8Array(32).fill(0xa7), hostName: HOST });
  attackerTls = { cert: forged.certPem, key: forged.keyPem };
  [sshd, signer, onPath, browser] = await Promise.all([
    startSshd(sys),
    startSigner(bundles, config, sys.tmp),
    startOnPath({ host: ON_PATH, port }, { host: '127.0.0.1', port }),
    // The customer's browser: the VM's name leads through the on-path party; certificate
    // warnings are clicked through, as the customer compares the fingerprint instead.
    launchChromium({
      args: [`--host-resolver-rules=MAP ${HOST} ${ON_PATH}`],
      ignoreHTTPSErrors: true,
    }),
  ]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([sshd?.stop(), signer?.stop(), onPath?.stop()]);
  sys?.cleanup();
  removeBundles();
});

/** The real signing service, asked directly (what the attacker can do with a session id it knows). */
function askSigner(
  method: string,
  path: string,
  body?: string,
): Promise<{ status: number; text: string }> {
  const request = signer.url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      `${signer.url}${path}`,
      {
        method,
        rejectUnauthorized: false,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const colonHex = (bytes: Buffer) =>
  (bytes.toString('hex').toUpperCase().match(/../g) ?? []).join(':');

/** The customer's part: open the prompt's URL, check fingerprint and code, sign. */
async function customerSigns(page: Page, cdp: CDPSession, prompt: string): Promise<string> {
  const url = /(https?:\/\/\S+\/login\/[0-9a-f]{32})/.exec(prompt)?.[1] ?? '';
  expect(url.startsWith(`http`)).toBe(true);
  await page.goto(url);
  if (!url.startsWith('https://')) return 'refused: not HTTPS';
  const cert = await cdp.send('Network.getCertificate', { origin: new URL(url).origin });
  const der = Buffer.from(cert.tableNames[0] ?? '', 'base64');
  const fingerprint = colonHex(createHash('sha256').update(der).digest());
  if (fingerprint !== identity.fingerprint) return 'refused: certificate fingerprint';
  const code = (await page.textContent('#code')) ?? '';
  if (!prompt.includes(`Code:   ${code}`)) return 'refused: code';
  await page.click('#sign');
  await page.waitForSelector('#status.done, #status.error', { timeout: 20_000 });
  return (await page.textContent('#status')) ?? '';
}

async function newPage() {
  const page = await browser.context.newPage();
  const asked = await injectWallet(page, alice);
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Network.enable');
  return { page, asked, cdp };
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('the signing page over TLS, with someone on the path', () => {
  it('through a relay that cannot read TLS: the customer checks, signs, presses Enter and is in', async () => {
    onPath.relay();
    const { page, asked } = await newPage();
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Network.enable');
    let outcome = '';
    const r = await sshLogin({
      port: sshd.port,
      user: 'alice',
      timeoutMs: 60_000,
      answer: async (prompt) => {
        expect(prompt).toContain(`https://${HOST}:${port}/login/${sessionOf(prompt)}`);
        expect(prompt).toContain(`  ${identity.fingerprint}`);
        outcome = await customerSigns(page, cdp, prompt);
        return '';
      },
    });
    expect(outcome).toContain('Signed');
    expect(r.error).toBeUndefined();
    expect(r.ok).toBe(true);
    expect(asked).toEqual([messageOf(r.prompts[0] ?? '')]);
    await page.close();
  }, 90_000);

  it("cannot make the wallet sign the attacker's own parallel session for the same user", async () => {
    const { page, asked, cdp } = await newPage();
    const attackerPrompt = deferred<string>();
    const victimDone = deferred<void>();
    // The attacker opens its own SSH login as alice and waits for a signature for it.
    const attacker = sshLogin({
      port: sshd.port,
      user: 'alice',
      localAddress: '127.0.0.5',
      timeoutMs: 60_000,
      answer: async (prompt) => {
        attackerPrompt.resolve(prompt);
        await victimDone.promise;
        return '';
      },
    });
    const attackerSession = sessionOf(await attackerPrompt.promise);
    // On the path: the victim's page request gets the attacker's session page (with the victim's
    // code shown), and the victim's signature goes to the attacker's session.
    onPath.intercept(async (req, body, res) => {
      const m = /^\/login\/([0-9a-f]{32})(\/signature)?$/.exec(req.url ?? '');
      if (!m) return void res.writeHead(404).end();
      const victimSession = m[1] as string;
      if (req.method === 'POST') {
        const out = await askSigner('POST', `/login/${attackerSession}/signature`, body);
        return void res.writeHead(out.status, { 'content-type': 'application/json' }).end(out.text);
      }
      const victimCode = JSON.parse(
        (await askSigner('GET', `/login/${victimSession}/challenge`)).text,
      ).code;
      const attackerCode = JSON.parse(
        (await askSigner('GET', `/login/${attackerSession}/challenge`)).text,
      ).code;
      const page = (await askSigner('GET', `/login/${attackerSession}`)).text.replaceAll(
        attackerCode,
        victimCode,
      );
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    }, attackerTls);
    let outcome = '';
    const victim = await sshLogin({
      port: sshd.port,
      user: 'alice',
      timeoutMs: 60_000,
      answer: async (prompt) => {
        outcome = await customerSigns(page, cdp, prompt);
        victimDone.resolve();
        return '';
      },
    });
    const a = await attacker;
    onPath.relay();
    expect(a.ok, `attacker logged in (customer: ${outcome})`).toBe(false);
    // The attacker could not show the VM's certificate: the customer stopped before signing.
    expect(outcome).toBe('refused: certificate fingerprint');
    expect(asked).not.toContain(messageOf(await attackerPrompt.promise));
    expect(outcomeOf(sys.logFile, attackerSession).outcome).toBe('denied');
    expect(victim.ok).toBe(false); // the customer refused the page: no login, nothing worse
    await page.close();
  }, 90_000);

  it('a signature posted by anyone else for the session is refused; the real one still logs in', async () => {
    onPath.relay();
    const { page, asked, cdp } = await newPage();
    const posts: number[] = [];
    let outcome = '';
    const r = await sshLogin({
      port: sshd.port,
      user: 'alice',
      timeoutMs: 60_000,
      answer: async (prompt) => {
        // Someone who learnt the session id posts first: garbage, and another wallet's
        // signature of this very message.
        const session = sessionOf(prompt);
        const wrong = [
          `0x${'11'.repeat(65)}`,
          await mallory.signMessage({ message: messageOf(prompt) }),
          await alice.signMessage({ message: `${messageOf(prompt)} ` }),
        ];
        for (const signature of wrong)
          posts.push(
            (await askSigner('POST', `/login/${session}/signature`, JSON.stringify({ signature })))
              .status,
          );
        outcome = await customerSigns(page, cdp, prompt);
        return '';
      },
    });
    expect(
      posts.every((s) => s >= 400 && s < 500),
      `status of the forged posts: ${posts}`,
    ).toBe(true);
    expect(outcome).toContain('Signed');
    expect(r.ok).toBe(true);
    expect(asked).toHaveLength(1);
    await page.close();
  }, 90_000);
});
