/**
 * The browser host's folder drop: a dropped folder reaches the page as a FileSystemDirectoryEntry whose
 * reader answers in batches (Chromium: at most 100 entries a call) until an empty batch. Proven here with
 * entry objects shaped like Chromium's, over nested folders, a folder of 250 files and an unreadable file;
 * what Chromium itself hands over on a real drop is not exercised (automation cannot drop a folder).
 */
import { describe, expect, it } from 'vitest';
import { droppedEntries, filesOfEntries } from '../../src-renderer/src/droppedFiles';

const BATCH = 100;

function fileEntry(name: string, text = name, fail = false): FileSystemFileEntry {
  return {
    isFile: true,
    isDirectory: false,
    name,
    file: (resolve: (f: File) => void, reject?: (e: DOMException) => void) =>
      setTimeout(() => (fail ? reject?.(new DOMException(`${name} cannot be read`, 'NotReadableError')) : resolve(new File([text], name))), 1),
  } as unknown as FileSystemFileEntry; // only the members filesOfEntries uses
}

function folderEntry(name: string, children: FileSystemEntry[]): FileSystemDirectoryEntry {
  return {
    isFile: false,
    isDirectory: true,
    name,
    createReader: () => {
      let next = 0;
      return {
        readEntries: (resolve: (batch: FileSystemEntry[]) => void) =>
          setTimeout(() => {
            const batch = children.slice(next, next + BATCH);
            next += batch.length;
            resolve(batch);
          }, 1),
      };
    },
  } as unknown as FileSystemDirectoryEntry;
}

describe('filesOfEntries (browser folder drop)', () => {
  it('walks nested folders and reads every batch of a large folder, loose files included', async () => {
    const many = Array.from({ length: 250 }, (_, i) => fileEntry(`IM${String(i).padStart(4, '0')}.dcm`));
    const study = folderEntry('CD', [fileEntry('DICOMDIR'), folderEntry('DICOM', [folderEntry('SERIES1', many), folderEntry('EMPTY', [])])]);
    const loose = new File(['sidecar'], 'photo.json');
    const files = await filesOfEntries([study, loose, fileEntry('ecg.xml')]);
    expect(files).toHaveLength(1 + 250 + 1 + 1);
    expect(files.map((f) => f.name)).toEqual(['DICOMDIR', ...many.map((e) => e.name), 'photo.json', 'ecg.xml']);
    expect(await files[1]!.text()).toBe('IM0000.dcm');
    expect(files).toContain(loose);
  });

  it('fails the drop with the reader\'s reason when a file cannot be read', async () => {
    const folder = folderEntry('scans', [fileEntry('ok.dcm'), fileEntry('locked.dcm', '', true)]);
    await expect(filesOfEntries([folder])).rejects.toThrow('locked.dcm cannot be read');
  });
});

describe('droppedEntries', () => {
  it('takes the entry of each dropped file or folder, the File where script put one, and skips text items', () => {
    const folder = folderEntry('CD', []);
    const scripted = new File(['x'], 'scripted.dcm');
    const items = [
      { kind: 'file', webkitGetAsEntry: () => folder, getAsFile: () => null },
      { kind: 'file', webkitGetAsEntry: () => null, getAsFile: () => scripted },
      { kind: 'string', webkitGetAsEntry: () => null, getAsFile: () => null },
    ];
    const transfer = { items } as unknown as DataTransfer; // items is iterated, as DataTransferItemList is
    expect(droppedEntries(transfer)).toEqual([folder, scripted]);
    expect(droppedEntries(null)).toEqual([]);
  });
});
