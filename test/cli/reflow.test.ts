import { describe, expect, it } from 'vitest';
import { reflow } from '../../src/cli/reflow.js';

describe('reflow (command details before commander wraps them)', () => {
  it('joins the lines of a paragraph, keeps blank lines, indented rows and their hanging continuations', () => {
    const details =
      'First paragraph, hard-wrapped\nat the source width. Rules:\n' +
      '  direct      one kernel pair\n' +
      '  classifier  a logistic rule fitted only on\n' +
      '              synthetic pairs\n' +
      'Back to prose,\nwrapped again.\n' +
      '\n' +
      'A second paragraph.';
    expect(reflow(details)).toBe(
      'First paragraph, hard-wrapped at the source width. Rules:\n' +
        '  direct      one kernel pair\n' +
        '  classifier  a logistic rule fitted only on synthetic pairs\n' +
        'Back to prose, wrapped again.\n' +
        '\n' +
        'A second paragraph.',
    );
  });

  it('leaves a one-line text as it is', () => {
    expect(reflow('Imports CSV or TSV tables to Arrow.')).toBe('Imports CSV or TSV tables to Arrow.');
  });
});
