/**
 * Makes stored objects durable before the store records them. A file written and renamed into place is,
 * for a while, only in the page cache: a power cut then can leave it empty or short (ext4's delayed
 * allocation), while the row naming it — committed with synchronous=FULL — survives. So runImport calls
 * this for each batch before the batch's rows commit: every file's data is flushed (fdatasync), then every
 * folder holding one (fsync: the rename that put the file there must survive too). The same promise as
 * Orthanc's `SyncStorageArea`, on by default there as here.
 *
 * The flushes run on libuv's thread pool, a few at a time, so the main thread keeps reading the parse
 * workers' answers meanwhile. Windows cannot open a folder to flush it (NTFS journals the rename itself),
 * so folders are skipped there. Throws the first failure (EIO, ENOSPC…): the caller must not record the batch.
 */
import { open } from 'node:fs/promises';
import path from 'node:path';

/** Files flushed at once: enough to keep the disk queue busy, few enough to leave pool threads free. */
const CONCURRENCY = 8;

export async function syncStoredFiles(files: readonly string[]): Promise<void> {
  await forEachLimited(files, async (file) => {
    const handle = await open(file, 'r');
    try {
      await handle.datasync();
    } finally {
      await handle.close();
    }
  });
  if (process.platform === 'win32') return;
  await forEachLimited([...new Set(files.map((f) => path.dirname(f)))], async (folder) => {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  });
}

async function forEachLimited<T>(items: readonly T[], job: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) await job(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, lane));
}
