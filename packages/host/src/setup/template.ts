import { InvalidInputError } from '@blockhost/core';
import {
  type BuildTemplateParameters,
  type BuildTemplateReturnType,
  buildTemplate,
  type PveClient,
} from '@blockhost/proxmox';
import { err, ok, type Result, type ResultAsync } from 'neverthrow';
import { errorText, SetupError } from './errors.js';

/** Debian 13 (trixie), the base of Proxmox VE 9: cloud-init and the guest agent ready. */
export const DEFAULT_IMAGE_URL =
  'https://cloud.debian.org/images/cloud/trixie/latest/debian-13-genericcloud-amd64.qcow2';

/** The template's default VM name. */
export const DEFAULT_TEMPLATE_NAME = 'blockhost-debian-13';

export interface ImageSource {
  readonly url: string;
  readonly filename: string;
  readonly checksum?: { algorithm: 'sha256' | 'sha512'; value: string };
}

/**
 * Checks a cloud image URL (http/https, a disk image file name) and an
 * optional `sha256:<hex>` / `sha512:<hex>` checksum; errors name the field.
 */
export function imageSource(
  url: string,
  checksum?: string,
): Result<ImageSource, InvalidInputError> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return err(new InvalidInputError('image-url', `expected a URL, got ${JSON.stringify(url)}`));
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return err(new InvalidInputError('image-url', 'expected an http:// or https:// URL'));
  const filename = decodeURIComponent(parsed.pathname.split('/').pop() ?? '');
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*\.(qcow2|raw|img|vmdk)$/.test(filename))
    return err(
      new InvalidInputError(
        'image-url',
        `the file name must end in .qcow2, .raw, .img or .vmdk (got ${JSON.stringify(filename)})`,
      ),
    );
  if (checksum === undefined || checksum === '') return ok({ url, filename });
  const m = /^(sha256|sha512):([0-9a-fA-F]+)$/.exec(checksum.trim());
  if (!m || m[2]!.length !== (m[1] === 'sha256' ? 64 : 128))
    return err(new InvalidInputError('checksum', 'expected sha256:<64 hex> or sha512:<128 hex>'));
  return ok({
    url,
    filename,
    checksum: { algorithm: m[1] as 'sha256' | 'sha512', value: m[2]!.toLowerCase() },
  });
}

/**
 * Builds the VM template (resumable; a finished template is left alone, a
 * different VM at the VMID never touched) with BlockHost's own token.
 */
export function ensureTemplate(
  client: PveClient,
  p: Omit<BuildTemplateParameters, 'image'> & { image: ImageSource & { storage?: string } },
): ResultAsync<BuildTemplateReturnType, SetupError> {
  return buildTemplate(client, p).mapErr(
    (e) =>
      new SetupError(
        e.code === 'INVALID_INPUT' ? 'input' : 'remote',
        `building template ${p.vmid} on ${p.node}: ${errorText(e)}`,
        {
          cause: e,
          reason: e.code,
        },
      ),
  );
}
