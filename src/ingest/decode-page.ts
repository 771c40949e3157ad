import iconv from 'iconv-lite';
import { decodeLegacy, headerMislabelsUtf8, namesWideEncoding, resolveDecoder } from './feed/decode.ts';

/**
 * Decodes an HTML page. Order, as browsers do it (WHATWG "encoding sniffing"): a BOM wins, then the charset of
 * the Content-Type header, then a `<meta charset>` or `<meta http-equiv="Content-Type">` within the first 1024
 * bytes, then UTF-8 if the bytes are valid UTF-8, else windows-1252 (what browsers assume for legacy pages). Labels
 * map to decoders as browsers map them: ISO-8859-1 and US-ASCII are windows-1252. One exception to the order: see
 * below.
 */
export function decodePage(bytes: Buffer, headers: Record<string, string> = {}): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(bytes.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(bytes.subarray(2), 'utf-16be'), encoding: 'utf-16be' };

  const fromHeader = /charset\s*=\s*["']?([\w.:-]+)/i.exec(headers['content-type'] ?? '')?.[1];
  const head = bytes.subarray(0, 1024).toString('latin1');
  const fromMeta =
    /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1];
  // A header naming a legacy charset over a page that is UTF-8, as its meta tag says (or nothing does), is wrong.
  const headerEncoding = fromHeader ? resolveDecoder(fromHeader) : null;
  if (headerEncoding && headerMislabelsUtf8(bytes, headerEncoding, fromMeta ?? null)) return { text: bytes.toString('utf8'), encoding: 'utf-8' };
  for (const label of [fromHeader, fromMeta]) {
    if (!label) continue;
    // A page that says utf-16 (or "unicode", as Word's HTML does) in ASCII-compatible bytes is lying; browsers treat
    // that label as utf-8.
    if (namesWideEncoding(label)) break;
    const encoding = resolveDecoder(label);
    if (encoding) return { text: decodeLegacy(bytes, encoding), encoding };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeLegacy(bytes, 'windows-1252'), encoding: 'windows-1252' };
  }
}
