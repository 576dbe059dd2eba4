import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));
const { chooseImportFolderWith } = await import('../../src-main/electron/chooseImportFolder');

type Picker = Parameters<typeof chooseImportFolderWith>;
type FakeWindow = ReturnType<Picker[1]>;
type ShowOpenDialog = Picker[0]['showOpenDialog'];

function fakeDialog(answer: { canceled: boolean; filePaths: string[] }) {
  const showOpenDialog = vi.fn(async () => answer) as unknown as ShowOpenDialog & ReturnType<typeof vi.fn>;
  return { showOpenDialog };
}

describe('chooseImportFolder (Electron dialog)', () => {
  it('opens a modal dialog on the main window allowing folders, files and several of them', async () => {
    const dialog = fakeDialog({ canceled: false, filePaths: ['/data/ct', '/data/a.dcm'] });
    const win = { id: 1 } as unknown as FakeWindow;
    expect(await chooseImportFolderWith(dialog, () => win)()).toEqual({ paths: ['/data/ct', '/data/a.dcm'] });
    const [parent, options] = dialog.showOpenDialog.mock.calls[0] as [FakeWindow, { properties: string[] }];
    expect(parent).toBe(win);
    expect([...options.properties].sort()).toEqual(['multiSelections', 'openDirectory', 'openFile']);
  });

  it('reports a cancelled dialog (or one with nothing chosen) as cancelled', async () => {
    const win = {} as unknown as FakeWindow;
    expect(await chooseImportFolderWith(fakeDialog({ canceled: true, filePaths: [] }), () => win)()).toEqual({ cancelled: true });
    expect(await chooseImportFolderWith(fakeDialog({ canceled: false, filePaths: [] }), () => win)()).toEqual({ cancelled: true });
  });

  it('still works before the window exists (dialog without a parent)', async () => {
    const dialog = fakeDialog({ canceled: false, filePaths: ['/x'] });
    expect(await chooseImportFolderWith(dialog, () => undefined)()).toEqual({ paths: ['/x'] });
    expect(dialog.showOpenDialog.mock.calls[0]).toHaveLength(1);
  });
});
