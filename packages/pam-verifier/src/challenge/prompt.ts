/**
 * What the user sees at the keyboard-interactive prompt. pam_exec sends each
 * line as a PAM_TEXT_INFO message; sshd shows them together with the input
 * prompt of the second pam_exec call (its fixed `Password: `), so the last
 * line says what to type there.
 */
import { challengeCode, type LoginChallenge } from './create-challenge.js';

export const MESSAGE_BEGIN = '----- BEGIN MESSAGE TO SIGN -----';
export const MESSAGE_END = '----- END MESSAGE TO SIGN -----';
/**
 * pam_exec asks with its own fixed `Password: ` prompt; this line, shown right
 * above it, says what that prompt wants here.
 */
export const PROMPT_LINE =
  'Signature (or press Enter after signing in the browser) at the Password prompt:';
export const PROMPT_LINE_NO_BROWSER = 'Paste the signature at the Password prompt:';

/** `<base>/login/<session id>` */
export function signingPageUrl(baseUrl: string, sessionId: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/login/${sessionId}`;
}

export interface FormatLoginPromptParameters {
  challenge: LoginChallenge;
  /** The signing page base URL; omit when the signing service is off. */
  signingBaseUrl?: string | undefined;
  /** SHA-256 fingerprint of the signing page's certificate, to compare with the browser's. */
  signingCertFingerprint?: string | undefined;
}

/** The prompt text, one element per line. */
export function formatLoginPrompt(p: FormatLoginPromptParameters): string[] {
  const c = p.challenge;
  const seconds = Math.round((c.expiresAt - c.issuedAt) / 1000);
  const lines = [
    `Wallet login for ${c.user}@${c.host}`,
    `Wallet: ${c.wallet}`,
    `Code:   ${challengeCode(c.nonce)}  (the signing page shows the same code)`,
    '',
  ];
  if (p.signingBaseUrl) {
    lines.push('Sign in your browser:', `  ${signingPageUrl(p.signingBaseUrl, c.sessionId)}`);
    if (p.signingCertFingerprint)
      lines.push(
        '  Certificate SHA-256 (as in your NFT details; sign only if your browser shows it):',
        `  ${p.signingCertFingerprint}`,
      );
    lines.push('');
  }
  lines.push(
    p.signingBaseUrl
      ? 'Or sign this message with your wallet (personal_sign, e.g. cast wallet sign):'
      : 'Sign this message with your wallet (personal_sign, e.g. cast wallet sign):',
    MESSAGE_BEGIN,
    ...c.message.split('\n'),
    MESSAGE_END,
    `Valid for ${seconds} s.`,
    p.signingBaseUrl ? PROMPT_LINE : PROMPT_LINE_NO_BROWSER,
  );
  return lines;
}

/** Finds the message between the markers in prompt text (what a client or test reads back). */
export function extractMessageFromPrompt(text: string): string | undefined {
  const begin = text.indexOf(`${MESSAGE_BEGIN}\n`);
  const end = text.indexOf(`\n${MESSAGE_END}`);
  if (begin < 0 || end < begin) return undefined;
  return text.slice(begin + MESSAGE_BEGIN.length + 1, end);
}
