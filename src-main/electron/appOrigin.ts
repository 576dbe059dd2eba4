/**
 * Where the UI lives: a custom privileged scheme instead of file:// (Electron security checklist #18),
 * so the renderer has a real origin that CSP, the IPC sender check and the request filter can rely on.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'workstation';
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * True when `url` belongs to the bundled UI. Compared by protocol + host, not URL.origin: Node's URL
 * parser reports origin "null" for schemes it does not know, which would make every app:// URL equal.
 */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}
