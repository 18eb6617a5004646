import { describe, expect, it } from 'vitest';
import { targetOfTemporary, temporaryPathFor } from '../../src/io/atomic-file.js';

describe('temporary output names', () => {
  it('lead back to the file they stand for, for error messages; other paths do not', () => {
    for (const target of ['/data/out.arrow', 'rel/dir/.hidden.tmp-file', 'model.onnx']) expect(targetOfTemporary(temporaryPathFor(target))).toBe(target);
    expect(targetOfTemporary('/data/out.arrow')).toBeNull();
    expect(targetOfTemporary('/data/.out.arrow.tmp-12-zz')).toBeNull();
  });
});
