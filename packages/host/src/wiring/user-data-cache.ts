import type { UserDataInput } from '../jobs/definitions.js';

// Stand-ins rendered once in place of what differs per VM; none can occur in the login bundles.
const HOST = 'bhplaceholderhostname7f3a9c';
const WALLET = '0x5ea50e5ea50e5ea50e5ea50e5ea50e5ea50e5ea5';
const TOKEN = 8675309867530986753n;

/**
 * Renders a VM's user-data from a template made once per (user, with or without NFT id): the
 * YAML of the login programs (hundreds of KiB, the same for every VM) was most of the daemon's
 * CPU per VM. Only a DNS-label hostname, a hex wallet and a decimal token id are put in, which
 * YAML writes as plain text wherever they appear; the first use of each template is checked
 * against a full rendering, and a difference turns the template off for good.
 */
export function memoizeUserData(
  render: (input: UserDataInput) => string,
): (input: UserDataInput) => string {
  const templates = new Map<string, string | null>();
  const fill = (template: string, input: UserDataInput) => {
    let out = template.replaceAll(HOST, input.hostname).replaceAll(WALLET, input.wallet);
    if (input.tokenId !== null) out = out.replaceAll(String(TOKEN), String(input.tokenId));
    return out;
  };
  const plain = (input: UserDataInput) =>
    /^[a-z0-9-]+$/.test(input.hostname) && /^0x[0-9a-fA-F]{40}$/.test(input.wallet);
  return (input) => {
    if (!plain(input)) return render(input);
    const key = `${input.user}\n${input.tokenId === null ? 'plain' : 'nft'}`;
    let template = templates.get(key);
    if (template === null) return render(input);
    if (template === undefined) {
      const t = render({
        hostname: HOST,
        user: input.user,
        wallet: WALLET,
        tokenId: input.tokenId === null ? null : TOKEN,
      });
      const full = render(input);
      template = fill(t, input) === full ? t : null;
      templates.set(key, template);
      return full;
    }
    return fill(template, input);
  };
}
