/**
 * The Electron side of the chooseImportFolder operation: the native open dialog, attached to the main
 * window so it is modal to it. Folders and files may both be picked, several at once; the main process
 * only returns the chosen paths, the import itself still goes through importPaths.
 */
import type { BaseWindow, Dialog } from 'electron';
import type { OperationOutput } from '../contract/service';

export function chooseImportFolderWith(
  dialog: Pick<Dialog, 'showOpenDialog'>,
  window: () => BaseWindow | undefined,
): () => Promise<OperationOutput<'chooseImportFolder'>> {
  return async () => {
    const options = {
      title: 'Import studies',
      buttonLabel: 'Import',
      properties: ['openDirectory', 'openFile', 'multiSelections'] as Array<'openDirectory' | 'openFile' | 'multiSelections'>,
    };
    const parent = window();
    const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
    if (result.canceled || result.filePaths.length === 0) return { cancelled: true };
    return { paths: result.filePaths };
  };
}
