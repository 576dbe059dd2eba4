/**
 * A calibration line for `npm run bench:import`: what this machine's kernel charges to create one file,
 * measured where the bench's stores live. A copying importer creates one file per object, and on the
 * project's VMs (Firecracker guests under nested virtualisation) creating even an empty file costs
 * 0.3–0.4 ms of system CPU — more than bare dicom-parser spends reading and parsing a 260 KB CT slice —
 * while appending the same bytes to one open file costs a fifth of that (docs/benchmarks.md, Import,
 * seventh round). Printed beside the ratios so that runs on different machines can be compared for what
 * they are.
 */
import { closeSync, mkdirSync, mkdtempSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';

export interface FileCreationCost {
  /** CPU ms (user + system) to create an empty file under a temporary name and rename it into place. */
  createEmptyMs: number;
  /** CPU ms to create a file of `bytes` and rename it, as baseline 3 and the object store do. */
  createAndWriteMs: number;
  /** CPU ms to append the same bytes to one file that stays open: the write alone, no new file. */
  appendMs: number;
}

export function measureFileCreationCost(parent: string, opts: { files?: number; bytes?: number } = {}): FileCreationCost {
  const files = opts.files ?? 400;
  const data = Buffer.alloc(opts.bytes ?? 262_144, 0x5a);
  const dir = mkdtempSync(path.join(parent, 'qoq-bench-create-'));
  try {
    for (let i = 0; i < 16; i++) mkdirSync(path.join(dir, i.toString(16)));
    const perFile = (run: () => void): number => {
      const cpu0 = process.cpuUsage();
      run();
      const cpu = process.cpuUsage(cpu0);
      return (cpu.user + cpu.system) / 1000 / files;
    };
    const createAll = (tag: string, bytes: Buffer): void => {
      for (let i = 0; i < files; i++) {
        const target = path.join(dir, (i % 16).toString(16), `${tag}${i}`);
        writeFileSync(`${target}.tmp`, bytes);
        renameSync(`${target}.tmp`, target);
      }
    };
    const createEmptyMs = perFile(() => createAll('e', Buffer.alloc(0)));
    const createAndWriteMs = perFile(() => createAll('w', data));
    const fd = openSync(path.join(dir, 'append'), 'w');
    let appendMs: number;
    try {
      appendMs = perFile(() => {
        for (let i = 0; i < files; i++) writeSync(fd, data);
      });
    } finally {
      closeSync(fd);
    }
    return { createEmptyMs, createAndWriteMs, appendMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
