/**
 * Vitest global setup: every temporary file of a test run, the tests' own and the binaries' they start, goes under
 * one directory that is deleted when the run ends, so that `npm test` leaves nothing in the system's temp folder
 * (a run writes models, Arrow tables and checkpoints there, hundreds of MB). Test files and spawned processes
 * inherit TMPDIR, which os.tmpdir() reads.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(path.join(tmpdir(), 'causal-test-'));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
