import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * A file is written under a temporary name in its final folder and renamed when complete, so a crash, a bad row
 * or Ctrl-C never leaves a half-written output that looks finished (rename is atomic within one filesystem).
 */
export function temporaryPathFor(target: string): string {
  const dir = path.dirname(target);
  const base = path.basename(target);
  return path.join(dir, `.${base}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/** The file a temporary name from `temporaryPathFor` stands for, or null for any other path (for error messages). */
export function targetOfTemporary(file: string): string | null {
  const m = /^\.(.+)\.tmp-\d+-[0-9a-f]{8}$/.exec(path.basename(file));
  return m ? path.join(path.dirname(file), m[1]) : null;
}

/** Temporary files that are still open; removed if the process is stopped before they are committed. */
const pendingTemporaries = new Set<string>();

export function trackTemporary(file: string): void {
  pendingTemporaries.add(file);
}

export function untrackTemporary(file: string): void {
  pendingTemporaries.delete(file);
}

export async function removeTemporaries(): Promise<void> {
  await Promise.all([...pendingTemporaries].map((f) => fs.rm(f, { force: true })));
  pendingTemporaries.clear();
}

export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  const tmp = temporaryPathFor(target);
  trackTemporary(tmp);
  try {
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, target);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  } finally {
    untrackTemporary(tmp);
  }
}
