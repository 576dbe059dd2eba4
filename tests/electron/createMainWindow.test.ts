import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  const windows: Array<{ options: Record<string, unknown>; loadURL: ReturnType<typeof vi.fn> }> = [];
  class BrowserWindow {
    options: Record<string, unknown>;
    loadURL = vi.fn(async () => undefined);
    once = vi.fn();
    show = vi.fn();
    constructor(options: Record<string, unknown>) {
      this.options = options;
      windows.push(this);
    }
  }
  return { BrowserWindow, windows };
});
vi.mock('electron', () => ({ BrowserWindow: electron.BrowserWindow }));

const { createMainWindow } = await import('../../src-main/electron/createMainWindow');

describe('createMainWindow', () => {
  beforeEach(() => {
    electron.windows.length = 0;
  });

  it('creates the window with exactly the secure webPreferences', () => {
    createMainWindow('/app/out/preload/preload.cjs');
    expect(electron.windows).toHaveLength(1);
    expect(electron.windows[0]?.options.webPreferences).toEqual({
      preload: '/app/out/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    });
  });

  it('loads the UI from app://workstation, never file://', () => {
    createMainWindow('/p.cjs');
    expect(electron.windows[0]?.loadURL).toHaveBeenCalledExactlyOnceWith('app://workstation/index.html');
  });
});
