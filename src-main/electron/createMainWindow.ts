/**
 * The workstation window. It always loads the bundled UI from app:// (never file://, never a remote URL).
 */
import { BrowserWindow } from 'electron';
import { APP_INDEX_URL } from './appOrigin';
import { secureWebPreferences } from './secureWebPreferences';

export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'QoQ Workstation — research use only',
    // Shown once painted, so the user never sees an empty white frame.
    show: false,
    webPreferences: secureWebPreferences(preloadPath),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_INDEX_URL);
  return window;
}
