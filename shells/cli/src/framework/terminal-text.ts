/**
 * Text that reaches the operator's terminal may come from places the operator
 * does not control: a guest command's stderr inside a job error, a chain
 * revert reason, a Proxmox message. Control characters in it could clear the
 * screen, move the cursor, set the window title or reorder the line (bidi
 * overrides), so they are shown as escapes instead.
 */

/** C0 except tab and newline, DEL, C1, and the bidi embedding/override/isolate marks. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** The same, plus tab and newline: for one table cell or field value. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_OR_BREAK = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const escaped = (c: string) => {
  const code = c.charCodeAt(0);
  if (c === '\n') return '\\n';
  if (c === '\t') return '\\t';
  if (c === '\r') return '\\r';
  return code < 0x100
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
};

/** `text` with every control character shown as an escape (`\x1b`, `\u202e`). */
export function terminalSafe(text: string, options: { singleLine?: boolean } = {}): string {
  return text.replace(options.singleLine ? CONTROL_OR_BREAK : CONTROL, escaped);
}

/**
 * JSON text whose strings escape every control character: `JSON.stringify`
 * leaves C1 controls and bidi marks as they are. Still valid JSON that
 * parses back to the same values.
 */
export function jsonSafe(json: string): string {
  return json.replace(
    /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
