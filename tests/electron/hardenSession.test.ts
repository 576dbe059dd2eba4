import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));
const { hardenSession } = await import('../../src-main/electron/hardenSession');
const { hardenWebContents } = await import('../../src-main/electron/hardenWebContents');

type RequestListener = (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void;

function fakeSession() {
  const session = {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    webRequest: { onBeforeRequest: vi.fn() },
  };
  hardenSession(session as unknown as Parameters<typeof hardenSession>[0]);
  return session;
}

describe('hardenSession', () => {
  const session = fakeSession();

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'hid', 'openExternal'])(
    'denies the %s permission request',
    (permission) => {
      const handler = session.setPermissionRequestHandler.mock.calls[0]?.[0] as (
        contents: unknown,
        permission: string,
        callback: (granted: boolean) => void,
      ) => void;
      const callback = vi.fn();
      handler({}, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    },
  );

  it('denies every permission check and device permission', () => {
    const check = session.setPermissionCheckHandler.mock.calls[0]?.[0] as (...args: unknown[]) => boolean;
    const device = session.setDevicePermissionHandler.mock.calls[0]?.[0] as (...args: unknown[]) => boolean;
    expect(check({}, 'media', 'app://workstation', {})).toBe(false);
    expect(check({}, 'geolocation', 'app://workstation', {})).toBe(false);
    expect(device({ deviceType: 'usb' })).toBe(false);
  });

  it('filters every request (no URL filter)', () => {
    expect(session.webRequest.onBeforeRequest.mock.calls[0]).toHaveLength(1);
  });

  it.each([
    ['https://example.com/track.js', true],
    ['http://127.0.0.1:8080/api', true],
    ['ws://localhost:9000/', true],
    ['file:///etc/passwd', true],
    ['ftp://host/x', true],
    ['not a url', true],
    ['app://workstation/index.html', false],
    ['devtools://devtools/bundled/inspector.html', false],
    ['blob:app://workstation/5b1c', false],
    ['data:image/png;base64,AAAA', false],
  ])('request to %s cancelled: %s', (url, cancel) => {
    const listener = session.webRequest.onBeforeRequest.mock.calls[0]?.[0] as RequestListener;
    const callback = vi.fn();
    listener({ url }, callback);
    expect(callback).toHaveBeenCalledExactlyOnceWith({ cancel });
  });
});

describe('hardenWebContents', () => {
  function harden() {
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    hardenWebContents(contents as unknown as Parameters<typeof hardenWebContents>[0]);
    return contents;
  }

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview'])(
    'prevents %s',
    (eventName) => {
      const contents = harden();
      const event = { preventDefault: vi.fn() };
      contents.emit(eventName, event, 'https://evil.example/');
      expect(event.preventDefault).toHaveBeenCalled();
    },
  );

  it('denies window.open', () => {
    const contents = harden();
    const handler = contents.setWindowOpenHandler.mock.calls[0]?.[0] as (details: { url: string }) => unknown;
    expect(handler({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'app://workstation/index.html' })).toEqual({ action: 'deny' });
  });
});
