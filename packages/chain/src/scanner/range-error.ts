/**
 * Recognises "your eth_getLogs range is too large" in its many provider dialects, and viem's own
 * refusal of responses over 10 MiB. Written from the shapes providers use: a suggested
 * `[0xfrom, 0xto]` range, a stated maximum ("limited to 2000 blocks", "max range: 10000"), or
 * just "too many results" / "response size exceeded" / a timeout.
 */

export type LogRangeErrorInfo =
  /** Too large; `limit` is the provider's stated maximum number of blocks, if it named one. */
  | {
      readonly kind: 'range';
      readonly limit?: number | undefined;
      readonly suggested?: { readonly from: bigint; readonly to: bigint } | undefined;
    }
  | { readonly kind: 'other' };

const SUGGESTED = /\[\s*(0x[0-9a-f]+|\d+)\s*,\s*(0x[0-9a-f]+|\d+)\s*\]/i;

const STATED_LIMIT = [
  /limited to (?:a |an )?(?:0\s*-\s*)?([\d,_]+)(?: blocks?)?/i,
  /(?:maximum|max)(?:imum)?[ _-]?(?:block[ _-]?)?range(?: is| of| allowed)?\s*(?:is\s*)?[:=]?\s*([\d,_]+)/i,
  /(?:block )?range (?:limit|size)(?: is| of)?\s*[:=]?\s*([\d,_]+)/i,
  /up to (?:a )?([\d,_]+k?)[ -]block range/i,
  /(?:range|over|more than|exceeds?|exceeding)\s+(?:of\s+)?([\d,_]+k?)\s+blocks/i,
  /block range (?:should|must|cannot|can ?not) (?:not )?(?:exceed|be (?:greater|larger|more) than)\s*([\d,_]+)/i,
];

const RANGE_HINTS = [
  /block range/i,
  /(?:over|more than|exceeds?|exceeding) [\d,_]+k? blocks/i,
  /range (?:is )?too (?:large|wide|big|long)/i,
  /too (?:many|much) (?:blocks|results|logs|data)/i,
  /more than [\d,_]+ (?:results|logs)/i,
  /(?:response|result|log|query)(?: body)? size/i,
  /returned more than/i,
  /exceed(?:s|ed)? (?:the )?(?:max(?:imum)?|limit)/i,
  /limit(?:ed)? (?:exceeded|reached)/i,
  /query (?:timeout|timed out|returned)/i,
  /(?:request|execution) (?:timeout|timed out)/i,
  /please (?:reduce|narrow|limit) (?:the|your) (?:range|query|request)/i,
  /eth_getLogs (?:is|are) limited/i,
  /block range is too wide/i,
  /logs? (?:are|is) too (?:large|many)/i,
];

function messagesOf(error: unknown): { texts: string[]; names: string[]; statuses: number[] } {
  const texts: string[] = [];
  const names: string[] = [];
  const statuses: number[] = [];
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const e = current as Record<string, unknown>;
    // viem's full `message` repeats the request body; its `shortMessage`/`details` do not.
    const keys = typeof e.shortMessage === 'string' ? ['shortMessage', 'details'] : ['message'];
    for (const k of keys) if (typeof e[k] === 'string') texts.push(e[k] as string);
    if (typeof e.name === 'string') names.push(e.name);
    if (typeof e.status === 'number') statuses.push(e.status);
    current = e.cause;
  }
  return { texts, names, statuses };
}

const toNumber = (s: string) => {
  const k = /k$/i.test(s);
  const n = Number(s.replace(/[,_k]/gi, ''));
  return k ? n * 1000 : n;
};

/** Classifies an `eth_getLogs` failure as "range too large" (with what we learned) or other. */
export function classifyGetLogsError(error: unknown): LogRangeErrorInfo {
  const { texts, names, statuses } = messagesOf(error);
  if (names.includes('ResponseBodyTooLargeError') || statuses.includes(413)) {
    return { kind: 'range' };
  }
  // Transport timeouts on a big range look like range errors: shrinking is the right response.
  if (names.includes('TimeoutError')) return { kind: 'range' };
  const text = texts.join('\n');
  if (!RANGE_HINTS.some((r) => r.test(text))) return { kind: 'other' };
  const suggestedMatch = text.match(SUGGESTED);
  const suggested = suggestedMatch
    ? { from: BigInt(suggestedMatch[1]!), to: BigInt(suggestedMatch[2]!) }
    : undefined;
  let limit: number | undefined;
  for (const pattern of STATED_LIMIT) {
    const m = text.match(pattern);
    if (m) {
      const n = toNumber(m[1]!);
      if (Number.isSafeInteger(n) && n > 0) {
        limit = n;
        break;
      }
    }
  }
  return { kind: 'range', limit, suggested };
}
