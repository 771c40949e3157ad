import type http from 'node:http';
import { spawn } from 'node:child_process';
import net from 'node:net';
import zlib from 'node:zlib';

/**
 * Building blocks for servers that misbehave the way real ones do. Large bodies are streamed in small chunks
 * with backpressure, so a "50 MB" response never sits in the test process's memory.
 */

/** gzip of `size` zero bytes, made by streaming (a few hundred KB for tens of MB of zeros). */
export async function gzipBomb(size: number): Promise<Buffer> {
  const gzip = zlib.createGzip({ level: 9 });
  const parts: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => parts.push(chunk));
  const done = new Promise<void>((resolve, reject) => gzip.on('end', resolve).on('error', reject));
  const block = Buffer.alloc(1 << 20);
  for (let written = 0; written < size; written += block.length) {
    if (!gzip.write(block.subarray(0, Math.min(block.length, size - written)))) await new Promise((resolve) => gzip.once('drain', resolve));
  }
  gzip.end();
  await done;
  return Buffer.concat(parts);
}

/**
 * Streams `total` bytes of `filler` (after `prefix`), stopping as soon as the client goes away.
 * Resolves with the number of bytes actually written, so a test can prove the client stopped early.
 */
export function streamBytes(res: http.ServerResponse, total: number, prefix = '', filler = 'x'): Promise<number> {
  const chunk = Buffer.alloc(64 * 1024, filler);
  let written = 0;
  return new Promise((resolve) => {
    let closed = false;
    res.on('close', () => {
      closed = true;
      resolve(written);
    });
    const pump = () => {
      if (written === 0 && prefix) {
        res.write(prefix);
        written += Buffer.byteLength(prefix);
      }
      while (!closed && written < total) {
        const piece = chunk.subarray(0, Math.min(chunk.length, total - written));
        written += piece.length;
        if (!res.write(piece)) {
          res.once('drain', pump);
          return;
        }
      }
      if (!closed) res.end(() => resolve(written));
    };
    pump();
  });
}

/** Sends `head` then one byte every `intervalMs`, for ever (until the client hangs up). */
export function slowDrip(res: http.ServerResponse, head: string, intervalMs: number): void {
  res.write(head);
  const timer = setInterval(() => res.write(' '), intervalMs);
  res.on('close', () => clearInterval(timer));
}

/**
 * A small RSS 2.0 document; items are [guid, title, link, pubDate] (guid null to omit it), and their description's
 * HTML (`<p>` and the title when none is given).
 */
export function rssFeed(title: string, items: readonly { guid?: string | null; title: string; link: string; pubDate?: string; description?: string }[]): string {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const body = items
    .map((item) =>
      [
        '<item>',
        item.guid ? `<guid isPermaLink="false">${escape(item.guid)}</guid>` : '',
        `<title>${escape(item.title)}</title>`,
        `<link>${escape(item.link)}</link>`,
        item.pubDate ? `<pubDate>${item.pubDate}</pubDate>` : '',
        `<description>${escape(item.description ?? `<p>${item.title}</p>`)}</description>`,
        '</item>',
      ].join(''),
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>${escape(title)}</title><link>https://example.org/</link>\n${body}\n</channel></rss>\n`;
}

/**
 * A TCP port on 127.0.0.1 that never completes a handshake: what a firewalled or overloaded host looks like. A
 * child process listens with a backlog of one and then blocks its event loop, so it accepts nothing. Linux queues
 * backlog + 1 finished handshakes for a listener that does not accept, and drops every later SYN (unless
 * net.ipv4.tcp_abort_on_overflow is set, which it is not by default), leaving the next client waiting.
 */
export async function unansweredPort(): Promise<{ port: number; close(): void }> {
  const BACKLOG = 1;
  // The child blocks for at most a minute, so a test run that dies early does not leave it behind for long.
  const child = spawn(process.execPath, ['-e', `
    const server = require('node:net').createServer();
    server.listen({ port: 0, host: '127.0.0.1', backlog: ${BACKLOG} }, () => {
      require('node:fs').writeSync(1, server.address().port + '\\n');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
    });`], { stdio: ['ignore', 'pipe', 'inherit'] });
  const fillers: net.Socket[] = [];
  const close = () => {
    for (const filler of fillers) filler.destroy();
    child.kill('SIGKILL');
  };
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.once('data', (data: Buffer) => resolve(Number(String(data).trim())));
      child.once('exit', (code) => reject(new Error(`listener exited with ${code}`)));
    });
    // Fill the accept queue: each of these completes its handshake in the kernel, however loaded the machine.
    for (let i = 0; i < BACKLOG + 1; i++) {
      const filler = net.connect(port, '127.0.0.1');
      fillers.push(filler);
      await new Promise<void>((resolve, reject) => filler.once('connect', resolve).once('error', reject));
    }
    return { port, close };
  } catch (error) {
    close();
    throw error;
  }
}
