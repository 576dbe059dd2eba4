import { describe, expect, it } from 'vitest';
import { pixelVerificationFromEnv } from '../../src-main/import/pixelVerificationSetting';

describe('QOQ_PIXEL_VERIFICATION', () => {
  it('unset or empty leaves the default to DEFAULT_LIMITS', () => {
    expect(pixelVerificationFromEnv({})).toBeUndefined();
    expect(pixelVerificationFromEnv({ QOQ_PIXEL_VERIFICATION: ' ' })).toBeUndefined();
  });

  it('accepts the two documented choices', () => {
    expect(pixelVerificationFromEnv({ QOQ_PIXEL_VERIFICATION: 'all-frames' })).toBe('all-frames');
    expect(pixelVerificationFromEnv({ QOQ_PIXEL_VERIFICATION: 'first-frame' })).toBe('first-frame');
  });

  it('refuses anything else instead of silently verifying less than asked', () => {
    expect(() => pixelVerificationFromEnv({ QOQ_PIXEL_VERIFICATION: 'all' })).toThrow(/must be first-frame or all-frames/);
  });
});
