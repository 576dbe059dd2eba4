/// <reference types="vite/client" />
import type { QoqBridge } from '../../src-main/contract/client';

declare global {
  interface Window {
    /** Present only inside Electron, exposed by src-main/electron/preload.ts. */
    qoq?: QoqBridge;
  }
}
