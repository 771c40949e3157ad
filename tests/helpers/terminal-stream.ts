import { PassThrough } from 'node:stream';

/** Each write of a self-rewriting status line: `\r`, the line, erase to its end. */
export const statusLines = (written: string) => [...written.matchAll(/\r([^\r\n]*)\u001b\[K/g)].map((match) => match[1]!);

/** A stream that says it is a terminal of `columns` columns, and keeps what is written to it. */
export function terminalStream(columns: number) {
  const stream = Object.assign(new PassThrough(), { isTTY: true, columns });
  let written = '';
  stream.on('data', (chunk: Buffer) => (written += chunk.toString()));
  return { stream, lines: () => statusLines(written), written: () => written };
}
