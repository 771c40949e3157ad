import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The start of an ELF executable: magic, then the zero-padded header every binary has. */
export const ELF_START = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(56), Buffer.from('GLIBC_2.34\0libc.so.6\0')]);

/** A temp folder of a test file's own: `file` writes a file in it and returns its path; `remove` deletes the folder. */
export function tempFiles(name: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `pausewatch-${name}-`));
  return {
    dir,
    file: (fileName: string, content: Buffer | string) => {
      writeFileSync(path.join(dir, fileName), content);
      return path.join(dir, fileName);
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
