/**
 * Per-page lockdown, applied to every web contents as it is created: the UI can never navigate away
 * from app://, open windows, or attach <webview>s — a compromised page stays inside its sandbox.
 */
import type { WebContents } from 'electron';

export function hardenWebContents(contents: WebContents): void {
  // loadURL from the main process does not emit these, so only page-initiated navigation is blocked.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
