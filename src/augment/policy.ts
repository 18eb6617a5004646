/**
 * What one kind of view (large or small crop) does to an image. Probabilities are per view; ranges are [lo, hi] of a
 * uniform draw unless a transform says otherwise.
 */
export interface ViewPolicy {
  /** Area fraction of the random resized crop. */
  cropScale: [number, number];
  /** Aspect ratio (width / height) range of the crop, drawn log-uniformly. */
  cropRatio: [number, number];
  flipProb: number;
  /** Largest shift, as a fraction of the width and height, applied after the crop. */
  translate: number;
  brightness: number;
  contrast: number;
  jitterProb: number;
  blurProb: number;
  /** Standard deviation of the Gaussian blur, in pixels of the output image. */
  blurSigma: [number, number];
  noiseProb: number;
  noiseStd: number;
  /** Solarize at threshold 0.5. */
  solarizeProb: number;
  cutoutProb: number;
  /** Area fraction of the erased rectangle. */
  cutoutScale: [number, number];
}

/** The views of one image for multi-crop self-supervised training. */
export interface AugmentPolicy {
  large: ViewPolicy;
  small: ViewPolicy;
  /** Views are ordered large first, then small. */
  largeViews: number;
  smallViews: number;
  /** ReLICv2 saliency masking: each large view, independently, sees the background-masked image with this probability. */
  maskProb: number;
}

export interface PolicyOptions {
  largeViews: number;
  smallViews: number;
  maskProb: number;
  /** Horizontal flips; off for data where mirroring changes the meaning (digits). */
  flip: boolean;
}

/**
 * Defaults for 28x28 grayscale images (Fashion-MNIST), adapted from ReLICv2's ImageNet set as the method note's
 * section 6 suggests; docs/augment.md tabulates each value and why. In short: crop scales (0.35, 1) and (0.1, 0.35);
 * no colour (saturation, hue, grayscale conversion) but brightness/contrast jitter; blur and solarize keep BYOL's
 * strong-view/weak-view split as large/small views with sigma scaled to 28 pixels; a little noise and erasing on
 * large views; small views, already blurred by upsampling a small crop, get the light treatment.
 */
export function defaultPolicy(o: Partial<PolicyOptions> = {}): AugmentPolicy {
  const flipProb = o.flip === false ? 0 : 0.5;
  const common = { cropRatio: [3 / 4, 4 / 3] as [number, number], flipProb, brightness: 0.4, contrast: 0.4, jitterProb: 0.8, blurSigma: [0.1, 1] as [number, number], noiseStd: 0.05 };
  return {
    large: { ...common, cropScale: [0.35, 1], translate: 0.1, blurProb: 0.5, noiseProb: 0.2, solarizeProb: 0.1, cutoutProb: 0.25, cutoutScale: [0.02, 0.15] },
    small: { ...common, cropScale: [0.1, 0.35], translate: 0, blurProb: 0.1, noiseProb: 0.2, solarizeProb: 0, cutoutProb: 0, cutoutScale: [0.02, 0.15] },
    largeViews: o.largeViews ?? 2,
    smallViews: o.smallViews ?? 2,
    maskProb: o.maskProb ?? 0.1,
  };
}
