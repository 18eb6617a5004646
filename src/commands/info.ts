import type { CommandSpec } from '../cli/command.js';
import { formatTable } from '../cli/table.js';

export const infoCommand: CommandSpec = {
  name: 'info',
  summary: 'versions, threads, and which ONNX Runtime execution providers start here',
  details:
    'Prints versions, cores and the default thread count, and tries each execution provider (cpu, webgpu, cuda)\n' +
    'on a one-node model, with the reason when one does not start. --json prints the same as JSON on stdout.',
  options: [{ flags: '--json', description: 'print JSON on stdout' }],
  examples: ['causal info', 'causal info --json | jq .providers'],
  async run(_args, raw) {
    const { describeEnvironment } = await import('../stages/info.js');
    const env = await describeEnvironment();
    if (raw.json) {
      process.stdout.write(`${JSON.stringify(env, null, 2)}\n`);
      return;
    }
    // info is the command people run to see what they have: it prints even under --quiet, to stdout
    const lines = [
      formatTable(['component', 'version'], Object.entries(env.versions)),
      '',
      `platform: ${env.platform}`,
      `cores: ${env.cores}, default threads: ${env.threads}`,
      '',
      formatTable(
        ['device', 'starts', 'reason'],
        env.providers.map((p) => [p.device, p.starts ? 'yes' : 'no', p.reason ?? '']),
      ),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  },
};
