import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

/**
 * Folders of files for a test file's tests: `make` writes the files (their folders too) in a new folder and returns
 * it; `removeAll`, for afterEach, deletes every folder made.
 */
export function tempFolders(name: string) {
  const roots: string[] = [];
  return {
    make(files: Record<string, Buffer | string>): string {
      const root = mkdtempSync(path.join(os.tmpdir(), `pausewatch-${name}-`));
      roots.push(root);
      for (const [fileName, content] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(root, fileName)), { recursive: true });
        writeFileSync(path.join(root, fileName), content);
      }
      return root;
    },
    removeAll(): void {
      for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
    },
  };
}
