/** A separable reconstruction filter: kernel and its support radius at scale 1 (PIL's definitions). */
export interface ResampleFilter {
  support: number;
  kernel: (x: number) => number;
}

export type ResampleKind = 'bicubic' | 'bilinear';

/** Keys cubic with a = −0.5, the coefficient PIL's BICUBIC uses (not the a = −0.75 of OpenCV/torch). */
const CUBIC_A = -0.5;

export const RESAMPLE_FILTERS: Record<ResampleKind, ResampleFilter> = {
  bicubic: {
    support: 2,
    kernel: (x) => {
      const t = Math.abs(x);
      if (t < 1) return ((CUBIC_A + 2) * t - (CUBIC_A + 3)) * t * t + 1;
      if (t < 2) return (((t - 5) * t + 8) * t - 4) * CUBIC_A;
      return 0;
    },
  },
  bilinear: {
    support: 1,
    kernel: (x) => {
      const t = Math.abs(x);
      return t < 1 ? 1 - t : 0;
    },
  },
};
