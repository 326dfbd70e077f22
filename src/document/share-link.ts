import type { GraphDocument } from '../../schemas/graph';

/** A graph in a URL fragment: JSON, raw-deflated, base64url. Nothing leaves the browser. */
export const SHARE_PREFIX = '#graph=';

async function pipe(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export async function encodeShareFragment(document: GraphDocument): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(document));
  return SHARE_PREFIX + toBase64Url(await pipe(json, new CompressionStream('deflate-raw')));
}

/** The JSON value a share fragment carries (still to be parsed), or an error message in English and Chinese. */
export async function decodeShareFragment(hash: string): Promise<{ ok: true; json: unknown } | { ok: false; message: string; messageZh: string }> {
  if (!hash.startsWith(SHARE_PREFIX)) return { ok: false, message: 'not a shared graph link', messageZh: '这不是分享图的链接' };
  try {
    const bytes = await pipe(fromBase64Url(hash.slice(SHARE_PREFIX.length)), new DecompressionStream('deflate-raw'));
    return { ok: true, json: JSON.parse(new TextDecoder().decode(bytes)) };
  } catch (error) {
    const reason = (error as Error).message;
    return { ok: false, message: `the link is damaged (${reason})`, messageZh: `链接已损坏（${reason}）` };
  }
}
