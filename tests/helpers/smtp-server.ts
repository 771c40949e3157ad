import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

/** A message as a real SMTP server received it. */
export interface ReceivedMail {
  from: string | false;
  to: string[];
  /** Who logged in, when the client did. */
  user: string | undefined;
  raw: string;
}

/**
 * A real SMTP server on 127.0.0.1, without TLS: what a local relay is. `state.refuse` makes it answer 550 to each
 * message; `state.hold` keeps each message's answer back until `release()`, so a test can act while one is under way.
 * `options` override the server's (a login handler, TLS).
 */
export async function startSmtpServer(options: Partial<SMTPServerOptions> = {}) {
  const received: ReceivedMail[] = [];
  const state = { refuse: false, hold: false };
  const held: (() => void)[] = [];
  let heldArrived: () => void = () => {};
  let arrival = new Promise<void>((resolve) => (heldArrived = resolve));
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    onData(stream, session, done) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (raw += chunk));
      stream.on('end', () => {
        const answer = () => {
          if (state.refuse) return done(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
          received.push({ from: session.envelope.mailFrom && session.envelope.mailFrom.address, to: session.envelope.rcptTo.map((r) => r.address), user: session.user as string | undefined, raw });
          done();
        };
        if (!state.hold) return answer();
        held.push(answer);
        heldArrived();
      });
    },
    ...options,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    state,
    /** Resolves once a message is being held (sent whole, its answer not given). */
    messageHeld: () => arrival,
    /** Answers the messages held, and holds no more. */
    release() {
      state.hold = false;
      for (const answer of held.splice(0)) answer();
      arrival = new Promise<void>((resolve) => (heldArrived = resolve));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SmtpServer = Awaited<ReturnType<typeof startSmtpServer>>;

/** A header of a raw message as its reader shows it: unfolded, and its MIME encoded words (RFC 2047) decoded. */
export function header(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const value = head.split(/\r?\n/).find((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`))?.slice(name.length + 1).trim();
  return value
    // white space between two encoded words is not part of the text
    ?.replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?utf-8\?([qb])\?([^?]*)\?=/gi, (_m, encoding: string, text: string) =>
      encoding.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_e, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
    );
}

/** The message body with quoted-printable soft breaks and escapes undone (as UTF-8), enough to find text in it. */
export function bodyText(raw: string): string {
  const unfolded = raw.replace(/=\r?\n/g, '');
  return Buffer.from(unfolded.replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
}
