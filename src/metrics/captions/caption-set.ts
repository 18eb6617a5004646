/**
 * What every coco-caption scorer asserts of its input: one candidate per image, at least one reference each, and at
 * least one image. Stages report bad rows with their own messages first; this guards direct callers.
 */
export function checkCaptionSet(candidates: readonly string[], references: readonly (readonly string[])[]): void {
  if (candidates.length !== references.length) {
    throw new RangeError(`${candidates.length} candidates but ${references.length} reference lists: need one of each per image`);
  }
  if (candidates.length === 0) throw new RangeError('no images to score');
  const bare = references.findIndex((refs) => refs.length === 0);
  if (bare >= 0) throw new RangeError(`image ${bare} has no reference captions`);
}
