/**
 * The one client the UI talks to. Inside Electron the preload provides window.qoq (IPC); in a plain
 * browser the page was served by the loopback host, so the same origin answers /api over HTTP.
 */
import { createClient, httpTransport, ipcTransport } from '../../src-main/contract/client';

function pickTransport() {
  if (window.qoq) return ipcTransport(window.qoq);
  return httpTransport({
    fetch: (url, init) => window.fetch(url, init),
    openEventStream: (url, onData) => {
      const stream = new window.EventSource(url);
      stream.onmessage = (message) => onData(message.data);
      return stream;
    },
  });
}

export const workstationClient = createClient(pickTransport());
