/**
 * Text stored in the journal that others control in part (a guest command's
 * stderr inside an error) is capped: a customer must not grow the journal or
 * flood `blockhost job show`.
 */
export const STORED_TEXT_MAX = 4096;

/** `text` if it fits in `max` characters, else its start and how much was cut. */
export function capStoredText(text: string, max?: number): string;
export function capStoredText(text: string | null, max?: number): string | null;
export function capStoredText(text: string | null, max = STORED_TEXT_MAX): string | null {
  if (text === null || text.length <= max) return text;
  // The suffix's own length depends on the count: reserve room for the largest.
  const room = max - ` … [${text.length} more characters]`.length;
  return `${text.slice(0, room)} … [${text.length - room} more characters]`;
}
