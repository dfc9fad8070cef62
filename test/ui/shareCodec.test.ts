import fc from 'fast-check';
import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  decodeWork,
  encodeWork,
  maxShareBytes,
  maxShareChars,
  ShareError,
  type ShareTarget,
} from '../../src/ui/state/shareCodec';

const target: ShareTarget = {
  scenario: 'worked-example',
  stage: 'anonymous-auth',
  editable: ['kube-apiserver.yaml', 'rbac.yaml'],
};
const work = (files: { path: string; text: string }[]) => ({
  scenario: target.scenario,
  stage: target.stage,
  files,
});
const apiserver = 'spec:\n  containers:\n    - command: [kube-apiserver, --anonymous-auth=false]\n';

/** Builds a link of the right format around any JSON, as a tamperer with the source would. */
async function forge(json: string): Promise<string> {
  const data = Buffer.from(deflateSync(strToU8(json))).toString('base64url');
  const digest = await crypto.subtle.digest('SHA-256', strToU8(data));
  return `1.${Buffer.from(new Uint8Array(digest).subarray(0, 9)).toString('base64url')}.${data}`;
}

async function refusal(encoded: string, to: ShareTarget = target): Promise<string> {
  try {
    await decodeWork(encoded, to);
  } catch (error) {
    expect(error).toBeInstanceOf(ShareError);
    return (error as Error).message;
  }
  throw new Error('the link was accepted');
}

describe('share links', () => {
  it('give back exactly the edits they were made from', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.subarray(target.editable as string[], { minLength: 1 }),
        fc.array(fc.string({ unit: 'grapheme', maxLength: 400 }), { minLength: 2, maxLength: 2 }),
        async (paths, texts) => {
          const files = paths.map((path, i) => ({ path, text: texts[i] ?? '' }));
          expect(await decodeWork(await encodeWork(work(files)), target)).toEqual(work(files));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('stay short: a stage’s kube-apiserver manifest is a link of under 1,500 characters', async () => {
    const text = `${apiserver}${'    - --flag-number-%d=value\n'.repeat(60)}`;
    const encoded = await encodeWork(work([{ path: 'kube-apiserver.yaml', text }]));
    expect(encoded.length).toBeLessThan(1500);
  });

  it('refuse a link with any character changed, cut short, or of another version', async () => {
    const encoded = await encodeWork(work([{ path: 'kube-apiserver.yaml', text: apiserver }]));
    const data = encoded.lastIndexOf('.') + 1;
    for (const at of [data, data + 5, encoded.length - 1, 3]) {
      const c = encoded[at] === 'A' ? 'B' : 'A';
      expect(await refusal(encoded.slice(0, at) + c + encoded.slice(at + 1))).toMatch(
        /damaged|checksum/,
      );
    }
    expect(await refusal(encoded.slice(0, -10))).toMatch(/checksum/);
    expect(await refusal(encoded.slice(0, 20))).toMatch(/checksum|incomplete/);
    expect(await refusal(`2${encoded.slice(1)}`)).toMatch(/another version/);
    expect(await refusal('')).toMatch(/incomplete/);
    expect(await refusal('1..')).toMatch(/checksum/);
  });

  it('refuse well-formed links whose contents are not this stage’s work', async () => {
    const file = (path: string) => [path, 'x'];
    expect(await refusal(await forge('{"s":"worked-example","t":"other","f":[]}'))).toMatch(
      /another scenario or stage/,
    );
    expect(
      await refusal(
        await forge(
          JSON.stringify({
            s: 'worked-example',
            t: 'anonymous-auth',
            f: [file('../../etc/passwd')],
          }),
        ),
      ),
    ).toMatch(/does not let you edit/);
    expect(
      await refusal(
        await forge(
          JSON.stringify({
            s: 'worked-example',
            t: 'anonymous-auth',
            f: [file('rbac.yaml'), file('rbac.yaml')],
          }),
        ),
      ),
    ).toMatch(/twice/);
    expect(
      await refusal(
        await forge('{"s":"worked-example","t":"anonymous-auth","f":[["rbac.yaml",3]]}'),
      ),
    ).toMatch(/not a name and a text/);
    expect(
      await refusal(await forge('{"s":"worked-example","t":"anonymous-auth","f":[]}')),
    ).toMatch(/no files/);
    expect(await refusal(await forge('not json'))).toMatch(/not readable/);
    expect(await refusal(await forge('null'))).toMatch(/which stage/);
  });

  it('refuse a DEFLATE bomb before it is unpacked whole, and links over the length cap', async () => {
    const bomb = JSON.stringify({
      s: 'worked-example',
      t: 'anonymous-auth',
      f: [['rbac.yaml', 'a'.repeat(maxShareBytes * 4)]],
    });
    const encoded = await forge(bomb);
    expect(encoded.length).toBeLessThan(maxShareChars);
    expect(await refusal(encoded)).toMatch(/larger than 512 KiB/);
    expect(await refusal('1.x.' + 'A'.repeat(maxShareChars))).toMatch(/longer/);
  });

  it('are not made when the edits would not fit in a link', async () => {
    const noise = Array.from({ length: 60_000 }, (_v, i) =>
      ((i * 7919) % 65_536).toString(36),
    ).join('');
    await expect(encodeWork(work([{ path: 'rbac.yaml', text: noise }]))).rejects.toThrow(
      /more than the 32,768 a link may hold/,
    );
  });
});
