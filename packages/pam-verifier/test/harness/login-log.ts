/** Reading what the helpers logged, and the SIWE message out of a prompt. */
import { readFileSync } from 'node:fs';
import { extractMessageFromPrompt } from '../../src/challenge/prompt.js';

export function logLines(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

export function messageOf(prompt: string): string {
  const m = extractMessageFromPrompt(prompt);
  if (!m) throw new Error(`no message in prompt:\n${prompt}`);
  return m;
}

/** The session id (SIWE Request ID) shown in a prompt. */
export function sessionOf(prompt: string): string {
  const m = /Request ID: ([0-9a-f]{32})/.exec(prompt);
  if (!m?.[1]) throw new Error('no Request ID in prompt');
  return m[1];
}

/** The verify helper's outcome line for a session: `{ outcome, reason }`. */
export function outcomeOf(file: string, sessionId: string): { outcome?: string; reason?: string } {
  const line = logLines(file).find(
    (l) => l.includes('helper=pam-verify') && l.includes(`session=${sessionId.slice(0, 8)}`),
  );
  if (!line) return {};
  return {
    outcome: /outcome=(\S+)/.exec(line)?.[1],
    reason: /reason=(\S+)/.exec(line)?.[1],
  };
}
