import os from 'node:os';
import path from 'node:path';

const APP_FOLDER = 'qoq-workstation';

/**
 * Where the study store lives: an explicit choice (`--data-dir`), then QOQ_DATA_DIR, then the OS's
 * per-user application-data folder. The CLI, the browser host and the Electron app use this same rule,
 * so they all see one store.
 */
export function resolveDataDir(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return path.resolve(explicit);
  if (env.QOQ_DATA_DIR) return path.resolve(env.QOQ_DATA_DIR);
  const home = os.homedir();
  switch (process.platform) {
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER);
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', APP_FOLDER);
    default:
      return path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), APP_FOLDER);
  }
}

/** Who is acting, for the audit log: QOQ_USER if set (e.g. a reading-room login), else the OS user. */
export function currentActor(env: NodeJS.ProcessEnv = process.env): string {
  if (env.QOQ_USER) return env.QOQ_USER;
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}
