import { fileURLToPath } from 'node:url';

/** Data sets that ship with the package, importable by name (`causal import tuebingen`). */
export interface NamedDataset {
  readonly source: string;
  readonly meta?: string;
  readonly description: string;
}

const fixture = (rel: string): string => fileURLToPath(new URL(`../../fixtures/${rel}`, import.meta.url));

export const DATASETS: Record<string, NamedDataset> = {
  tuebingen: {
    source: fixture('tuebingen/Tuebingen_pairs.csv'),
    meta: fixture('tuebingen/pairmeta.txt'),
    description: 'the 99 scalar Tübingen cause-effect pairs with official weights (cause stored as x: shuffle!)',
  },
};
