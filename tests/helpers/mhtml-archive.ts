/** MHTML archives as browsers write them, for tests of how saved pages are read. */

const hex = (byte: number) => `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
/** Quoted-printable as Chrome writes a part: CRLF line breaks, lines of at most 76 characters joined by soft breaks. */
export function quotedPrintable(bytes: Buffer): string {
  return bytes
    .toString('latin1')
    .split(/\r?\n/)
    .map((line) => {
      let encoded = [...Buffer.from(line, 'latin1')].map((byte) => (byte === 0x3d || byte > 0x7e || (byte < 0x20 && byte !== 0x09) ? hex(byte) : String.fromCharCode(byte))).join('');
      encoded = encoded.replace(/[ \t]$/, (space) => hex(space.charCodeAt(0)));
      const lines: string[] = [];
      while (encoded.length > 76) {
        // never inside an =XX
        const cut = encoded[74] === '=' ? 74 : encoded[73] === '=' ? 73 : 75;
        lines.push(`${encoded.slice(0, cut)}=`);
        encoded = encoded.slice(cut);
      }
      return [...lines, encoded].join('\r\n');
    })
    .join('\r\n');
}
export const base64 = (bytes: Buffer) => bytes.toString('base64').match(/.{1,76}/g)!.join('\r\n');

export interface ArchivePart {
  type: string;
  location?: string;
  id?: string;
  encoding?: 'quoted-printable' | 'base64' | '7bit' | '8bit' | string;
  body: Buffer | string;
  /** The body is written as it is, already in its encoding. */
  raw?: true;
}
/** The boundary between an archive's parts, as Chrome writes one. */
export const BOUNDARY = '----MultipartBoundary--Xq3vTn8Lq2Bz0sWmA9dYkRfHcJpE1uNgO7iV5bC4----';
/**
 * An MHTML archive as Chrome writes it ("Webpage, Single File"): its headers (`snapshot`, the page's address, as its
 * Snapshot-Content-Location unless null), then each part with its own, the body in its transfer encoding.
 */
export function mhtmlArchive(parts: ArchivePart[], { snapshot, contentType = `multipart/related;\r\n\ttype="text/html";\r\n\tboundary="${BOUNDARY}"` }: { snapshot: string | null; contentType?: string }): Buffer {
  const head = [
    'From: <Saved by Blink>',
    ...(snapshot === null ? [] : [`Snapshot-Content-Location: ${snapshot}`]),
    'Subject: Labs back a global pause =?utf-8?Q?=E2=80=94?= Outlet',
    'Date: Fri, 5 Jun 2026 10:00:00 -0000',
    'MIME-Version: 1.0',
    `Content-Type: ${contentType}`,
    '',
    '',
  ].join('\r\n');
  const chunks: Buffer[] = [Buffer.from(head, 'latin1')];
  for (const part of parts) {
    const body = typeof part.body === 'string' ? Buffer.from(part.body) : part.body;
    const encoding = part.encoding ?? 'quoted-printable';
    const encoded = part.raw ? body : encoding.toLowerCase() === 'quoted-printable' ? Buffer.from(quotedPrintable(body), 'latin1') : encoding === 'base64' ? Buffer.from(base64(body)) : body;
    const headers = [
      `--${BOUNDARY}`,
      `Content-Type: ${part.type}`,
      ...(part.id ? [`Content-ID: ${part.id}`] : []),
      `Content-Transfer-Encoding: ${encoding}`,
      ...(part.location ? [`Content-Location: ${part.location}`] : []),
      '',
      '',
    ].join('\r\n');
    chunks.push(Buffer.from(headers, 'latin1'), encoded, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}
