import type { PixelVerification } from '../parsing/types';

const CHOICES: readonly PixelVerification[] = ['first-frame', 'all-frames'];

/**
 * The site's pixel verification choice (see PixelVerification) from QOQ_PIXEL_VERIFICATION, so the CLI,
 * the browser host and the desktop app follow one installation-wide setting. Unset means the default
 * ('first-frame'); an unknown value is an error rather than a silent fallback, because a site that asked
 * for 'all-frames' must not quietly get less verification than it asked for.
 */
export function pixelVerificationFromEnv(env: NodeJS.ProcessEnv = process.env): PixelVerification | undefined {
  const raw = env.QOQ_PIXEL_VERIFICATION?.trim();
  if (!raw) return undefined;
  if ((CHOICES as readonly string[]).includes(raw)) return raw as PixelVerification;
  throw new Error(`QOQ_PIXEL_VERIFICATION must be ${CHOICES.join(' or ')}, not "${raw}"`);
}
