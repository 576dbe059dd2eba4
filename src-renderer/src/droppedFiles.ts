/**
 * The files of a drop, with dropped folders walked (browser host: a folder in `dataTransfer.files` is
 * an unreadable 0-byte entry, so the bytes of its files must be collected through the entries API).
 * The entries are taken synchronously, while the drop event is being dispatched: the DataTransfer is
 * emptied once the handler returns.
 */
export function droppedEntries(transfer: DataTransfer | null): Array<FileSystemEntry | File> {
  const dropped: Array<FileSystemEntry | File> = [];
  for (const item of transfer?.items ?? []) {
    if (item.kind !== 'file') continue;
    // Files put in a DataTransfer by script have no entry, only the File itself.
    const entry = item.webkitGetAsEntry() ?? item.getAsFile();
    if (entry) dropped.push(entry);
  }
  return dropped;
}

/** Every file under the entries, folders read recursively (readEntries answers in batches until empty). */
export async function filesOfEntries(entries: ReadonlyArray<FileSystemEntry | File>): Promise<File[]> {
  const out: File[] = [];
  const visit = async (entry: FileSystemEntry | File): Promise<void> => {
    if (entry instanceof File) {
      out.push(entry);
      return;
    }
    if (entry.isFile) {
      out.push(await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject)));
      return;
    }
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
      if (batch.length === 0) return;
      for (const child of batch) await visit(child);
    }
  };
  for (const entry of entries) await visit(entry);
  return out;
}
