// A learner's edits of one stage, carried in a link's `work=` parameter:
//
//   work = <version> "." <checksum> "." <data>
//   data = base64url(DEFLATE(JSON { s: scenario id, t: stage id, f: [[path, text], …] }))
//   checksum = base64url of the first 9 bytes of SHA-256(data's bytes)
//
// fflate's DEFLATE (measured on the solutions of every stage: links 37 % shorter than
// lz-string's; docs/classroom.md) is loaded with this module only when a link is made or
// opened. Whatever a link holds is hostile input: every check below runs before anything is
// shown, and a link that fails one changes nothing.
import { Inflate, deflateSync, strToU8 } from 'fflate';
import type { InputFile } from '../../engine';
import { formatLink } from './route';

export const shareVersion = 1;
/** Characters of `work=`: links longer than this are refused when made and when opened. */
export const maxShareChars = 32 * 1024;
/** Bytes of the decompressed JSON (a small DEFLATE input can expand a thousandfold). */
export const maxShareBytes = 512 * 1024;

export interface SharedWork {
  scenario: string;
  stage: string;
  files: InputFile[];
}

/** What the link may hold: the stage's editable files (the validator's whole world). */
export interface ShareTarget {
  scenario: string;
  stage: string;
  editable: readonly string[];
}

export class ShareError extends Error {
  override name = 'ShareError';
}

export async function encodeWork(work: SharedWork): Promise<string> {
  const json = JSON.stringify({
    s: work.scenario,
    t: work.stage,
    f: work.files.map((f) => [f.path, f.text]),
  });
  const data = toBase64Url(deflateSync(strToU8(json), { level: 9 }));
  const encoded = `${shareVersion}.${await checksum(data)}.${data}`;
  if (encoded.length > maxShareChars)
    throw new ShareError(
      `Your edits make a link of ${encoded.length.toLocaleString('en')} characters, more than the ${maxShareChars.toLocaleString('en')} a link may hold. Download the files instead.`,
    );
  return encoded;
}

/** Reads `work=` for `target`; throws a ShareError that says, in words, what is wrong. */
export async function decodeWork(encoded: string, target: ShareTarget): Promise<SharedWork> {
  if (encoded.length > maxShareChars)
    throw new ShareError('The link is longer than a link of MUT Lab can be.');
  const parts = encoded.split('.');
  if (parts.length !== 3) throw new ShareError('The link is incomplete or damaged.');
  const [version, sum, data] = parts as [string, string, string];
  if (version !== String(shareVersion))
    throw new ShareError(
      `The link was made by another version of MUT Lab (format ${version.slice(0, 8)}; this page reads ${shareVersion}).`,
    );
  if (!/^[A-Za-z0-9_-]+$/.test(data) || sum !== (await checksum(data)))
    throw new ShareError(
      'The link is damaged: its contents do not match its checksum (cut short or changed on the way?).',
    );
  const json = inflateCapped(fromBase64Url(data));
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new ShareError('The link is damaged: its contents are not readable.');
  }
  return checkWork(parsed, target);
}

function checkWork(value: unknown, target: ShareTarget): SharedWork {
  const v = value as { s?: unknown; t?: unknown; f?: unknown } | null;
  if (typeof v !== 'object' || v === null || typeof v.s !== 'string' || typeof v.t !== 'string')
    throw new ShareError('The link is damaged: it does not say which stage it is for.');
  if (v.s !== target.scenario || v.t !== target.stage)
    throw new ShareError('The link’s work is for another scenario or stage than its address.');
  if (!Array.isArray(v.f) || v.f.length === 0) throw new ShareError('The link holds no files.');
  const files: InputFile[] = [];
  const seen = new Set<string>();
  for (const entry of v.f as unknown[]) {
    if (
      !Array.isArray(entry) ||
      entry.length !== 2 ||
      typeof entry[0] !== 'string' ||
      typeof entry[1] !== 'string'
    )
      throw new ShareError('The link is damaged: a file in it is not a name and a text.');
    const [path, text] = entry as [string, string];
    if (!target.editable.includes(path))
      throw new ShareError(
        `The link holds a file this stage does not let you edit (“${path.slice(0, 80)}”).`,
      );
    if (seen.has(path)) throw new ShareError(`The link holds ${path} twice.`);
    seen.add(path);
    files.push({ path, text });
  }
  return { scenario: v.s, stage: v.t, files };
}

/** Inflates in small steps, stopping as soon as the output passes the cap (no DEFLATE bomb). */
function inflateCapped(bytes: Uint8Array): string {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  const inflate = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > maxShareBytes)
      throw new ShareError(
        `The link’s work is larger than ${maxShareBytes / 1024} KiB once unpacked.`,
      );
    chunks.push(chunk);
    if (final) ended = true;
  });
  const step = 1024;
  try {
    for (let i = 0; i < bytes.length; i += step)
      inflate.push(bytes.subarray(i, i + step), i + step >= bytes.length);
  } catch (error) {
    if (error instanceof ShareError) throw error;
    throw new ShareError('The link is damaged: its contents cannot be unpacked.');
  }
  if (!ended) throw new ShareError('The link is cut short: its contents end too early.');
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(out);
  } catch {
    throw new ShareError('The link is damaged: its contents are not text.');
  }
}

async function checksum(data: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', strToU8(data));
  return toBase64Url(new Uint8Array(digest).subarray(0, 9));
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  let binary: string;
  try {
    binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    throw new ShareError('The link is damaged: its contents are not readable.');
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The size of a text in bytes, as the prompt shows it. */
export const byteSize = (text: string) => strToU8(text).length;

/**
 * "Copy link to my work": the link to `page` (the address without its fragment) at the stage,
 * with the edits in it, put on the clipboard when the browser allows. Never throws.
 */
export async function copyWorkLink(
  page: string,
  work: SharedWork & { stageIndex: number },
): Promise<{ link: string | null; message: string }> {
  let encoded: string;
  try {
    encoded = await encodeWork(work);
  } catch (error) {
    return { link: null, message: error instanceof Error ? error.message : String(error) };
  }
  const link = `${page}${formatLink(
    { view: 'scenario', id: work.scenario, place: work.stageIndex },
    { work: encoded },
  )}`;
  try {
    await navigator.clipboard.writeText(link);
    return {
      link,
      message: `Link copied (${link.length.toLocaleString('en')} characters). Whoever opens it sees your edits of this stage.`,
    };
  } catch {
    // No clipboard (permissions, an insecure origin): the link is shown to copy by hand.
    return { link, message: 'Copy this link: whoever opens it sees your edits of this stage.' };
  }
}
