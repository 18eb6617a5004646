import type { CommandSpec } from '../cli/command.js';
import { OUTPUT } from '../cli/options.js';
import { UsageError } from '../common/errors.js';

export const concatCommand: CommandSpec = {
  name: 'concat',
  summary: 'join Arrow files with the same columns into one stream (e.g. the parts of a --shard run)',
  arguments: [{ name: 'inputs', description: 'Arrow files (- for stdin, at most once)', variadic: true }],
  options: [OUTPUT],
  examples: [
    'for i in 0 1 2 3; do causal kcdc pairs.arrow --shard $i/4 -o part$i.arrow & done; wait; causal concat part*.arrow | causal eval',
  ],
  async run([paths], raw) {
    const files = paths as string[];
    if (files.filter((f) => f === '-').length > 1) throw new UsageError('stdin (-) can be read only once');
    const [{ openArrowInput }, { writeArrow }, { concatInputs }] = await Promise.all([
      import('../io/arrow-input.js'),
      import('../io/arrow-output.js'),
      import('../stages/concat.js'),
    ]);
    const inputs = [];
    for (const f of files) inputs.push(await openArrowInput(f));
    await writeArrow(raw.output as string | undefined, concatInputs(inputs), inputs[0].schema);
  },
};
