/**
 * Session-wide lockdown: no permission is ever granted and no request leaves the machine.
 */
import type { Session } from 'electron';

/**
 * Schemes a page may load. blob: and data: are in-memory (decoder workers, thumbnails) and never reach
 * the network; everything else — http(s), ws(s), file, ftp — is cancelled, so the workstation makes
 * zero outbound connections and cannot read arbitrary local files through the renderer.
 */
const ALLOWED_SCHEMES = new Set(['app:', 'devtools:', 'blob:', 'data:']);

export function isAllowedRequestUrl(url: string): boolean {
  try {
    return ALLOWED_SCHEMES.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

export function hardenSession(session: Session): void {
  // Camera, microphone, geolocation, notifications, HID/USB/serial, clipboard-read…: always no.
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequestUrl(details.url) });
  });
}
