import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import type { AlertSettings } from '../../config/index.ts';
import type { AlertPayload } from '../rules.ts';

export interface AlertChannel {
  /** Stable name: part of the outbox key, so renaming a channel would re-send its alerts. */
  readonly name: string;
  deliver(payload: AlertPayload): Promise<void>;
}

/** One line per alert, for a person watching the terminal or a cron mail. */
export function streamChannel(stream: Writable): AlertChannel {
  return {
    name: 'stdout',
    async deliver(alert) {
      const stance = alert.stance ? `${alert.stance} ${alert.score !== null ? (alert.score >= 0 ? '+' : '') + alert.score.toFixed(2) : ''}`.trim() : 'off-topic';
      // Control characters from feed text could drive the terminal; they are dropped.
      const clean = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
      stream.write(`ALERT [${stance}] ${clean(alert.title)} — ${clean(alert.outlet)} ${clean(alert.url)}\n`);
    },
  };
}

/** Appends JSON lines, for other tools to tail. */
export function fileChannel(file: string): AlertChannel {
  return {
    name: `file:${file}`,
    async deliver(alert) {
      await mkdir(path.dirname(file), { recursive: true });
      await appendFile(file, `${JSON.stringify(alert)}\n`);
    },
  };
}

export function createChannels(settings: AlertSettings, rootDir: string, console: Writable): AlertChannel[] {
  return settings.channels.map((channel) => {
    switch (channel.type) {
      case 'stdout':
        return streamChannel(console);
      case 'file':
        return fileChannel(path.resolve(rootDir, channel.path));
    }
  });
}
