import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** Files up to this size are read into one buffer the worker keeps and reuses; larger ones get their own. */
const REUSE_LIMIT_BYTES = 64 * 1024 ** 2;

/**
 * Reads whole files for a worker that handles one file at a time. A fresh buffer per file (readFileSync)
 * leaves every file's bytes behind as garbage outside the V8 heap until the next full GC: a worker
 * importing a CT series grew by ~35 MB of dead file buffers that way. Here small and medium files share
 * one buffer, so the worker's resident memory stays near its largest file.
 *
 * The returned bytes are valid only until the next read: the caller must be done with them (parsed,
 * hashed, stored, nothing retained) before it reads the next file — as the worker is when it replies.
 */
export class ReusableReader {
  private buffer = Buffer.alloc(0);

  /**
   * Returns the file's bytes, or `tooLarge` with its size when it is over `maxBytes` (nothing is read).
   * The size is taken from the open file, so a file that changes after the check is read only that far.
   */
  read(path: string, maxBytes: number): { bytes: Uint8Array } | { tooLarge: number } {
    const fd = openSync(path, 'r');
    try {
      const size = fstatSync(fd).size;
      if (size > maxBytes) return { tooLarge: size };
      let target: Buffer;
      if (size > REUSE_LIMIT_BYTES) {
        target = Buffer.allocUnsafe(size);
      } else {
        if (this.buffer.length < size) this.buffer = Buffer.allocUnsafe(Math.max(size, Math.min(REUSE_LIMIT_BYTES, this.buffer.length * 2)));
        target = this.buffer;
      }
      let read = 0;
      while (read < size) {
        const n = readSync(fd, target, read, size - read, read);
        if (n === 0) break; // the file shrank since fstat: parse what is there
        read += n;
      }
      return { bytes: target.subarray(0, read) };
    } finally {
      closeSync(fd);
    }
  }
}
