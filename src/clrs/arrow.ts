/**
 * CLRS samples as Arrow tables, the schema derived from an algorithm's spec (docs/clrs.md):
 *
 *   algorithm Utf8, split Utf8 (null outside a benchmark split), index Int32, n Int32 (nodes), length Int32 (hint
 *   steps), then one column per probe in spec order, named `<stage>.<probe>`: inputs and outputs List<Float64>
 *   (one snapshot, `probeSize` values), hints List<List<Float64>> (time-major: one inner list per step).
 *
 * Each probe field carries its spec as field metadata (stage, location, type, and categories where set), so a
 * reader can decode a table without this code. `readSamples` is the inverse; it re-checks every value against the
 * spec through SampleRecorder.
 */
import {
  type Data,
  DataType,
  Field,
  Float64,
  Int32,
  List,
  Precision,
  RecordBatch,
  Schema,
  Struct,
  type Table,
  Utf8,
  makeData,
  vectorFromArray,
} from 'apache-arrow';
import { DataError } from '../common/errors.js';
import type { ProbeSpec } from './probe-spec.js';
import { probeSize } from './probe-spec.js';
import { type Sample, SampleRecorder } from './sample.js';
import { SPECS } from './specs.js';

/** One row: a sample and where it came from. */
export interface ClrsRow {
  readonly split: string | null;
  readonly index: number;
  readonly sample: Sample;
}

const itemField = (): Field => new Field('item', new Float64(), true);
const snapshotType = (): List<Float64> => new List(itemField());
const trajectoryType = (): List<List<Float64>> => new List(new Field('item', snapshotType(), true));

export function probeColumn(stage: ProbeSpec['stage'], name: string): string {
  return `${stage}.${name}`;
}

export function specOf(algorithm: string): Readonly<Record<string, ProbeSpec>> {
  const spec = SPECS[algorithm];
  if (!spec) throw new DataError(`unknown CLRS algorithm '${algorithm}'`);
  return spec;
}

/** The fields of `algorithm`'s table. */
export function clrsFields(algorithm: string): Field[] {
  const probes = Object.entries(specOf(algorithm)).map(([name, p]) => {
    const meta = new Map<string, string>([
      ['stage', p.stage],
      ['location', p.location],
      ['type', p.type],
    ]);
    if (p.categories !== undefined) meta.set('categories', String(p.categories));
    const type = p.stage === 'hint' ? trajectoryType() : snapshotType();
    return new Field(probeColumn(p.stage, name), type as DataType, false, meta);
  });
  return [
    new Field('algorithm', new Utf8(), false),
    new Field('split', new Utf8(), true),
    new Field('index', new Int32(), false),
    new Field('n', new Int32(), false),
    new Field('length', new Int32(), false),
    ...probes,
  ];
}

/** `algorithm`'s schema with `metadata` (provenance) and `clrs.algorithm`. */
export function clrsSchema(algorithm: string, metadata: Map<string, string>): Schema {
  return new Schema(clrsFields(algorithm), new Map([...metadata, ['clrs.algorithm', algorithm]]));
}

/** One record batch of rows, all of the schema's algorithm. */
export function samplesBatch(rows: readonly ClrsRow[], schema: Schema): RecordBatch {
  const algorithm = schema.metadata.get('clrs.algorithm');
  if (algorithm === undefined) throw new Error('samplesBatch: the schema lacks clrs.algorithm');
  for (const r of rows) {
    if (r.sample.algorithm !== algorithm) throw new Error(`samplesBatch: a ${r.sample.algorithm} sample in a ${algorithm} table`);
  }
  const spec = specOf(algorithm);
  const int32 = (values: number[]): Data => makeData({ type: new Int32(), length: values.length, nullCount: 0, data: Int32Array.from(values) });
  const children: Data[] = [
    vectorFromArray(rows.map((r) => r.sample.algorithm), new Utf8()).data[0],
    vectorFromArray(rows.map((r) => r.split), new Utf8()).data[0],
    int32(rows.map((r) => r.index)),
    int32(rows.map((r) => r.sample.n)),
    int32(rows.map((r) => r.sample.length)),
  ];
  for (const [name, p] of Object.entries(spec)) {
    if (p.stage === 'hint') children.push(trajectoryData(rows.map((r) => r.sample.hints[name])));
    else children.push(snapshotData(rows.map((r) => (p.stage === 'input' ? r.sample.inputs : r.sample.outputs)[name])));
  }
  const struct = makeData({ type: new Struct(schema.fields), length: rows.length, nullCount: 0, children });
  return new RecordBatch(schema, struct);
}

function concat(parts: readonly Float64Array[]): { values: Float64Array; offsets: Int32Array } {
  const offsets = new Int32Array(parts.length + 1);
  for (let i = 0; i < parts.length; i++) offsets[i + 1] = offsets[i] + parts[i].length;
  const values = new Float64Array(offsets[parts.length]);
  parts.forEach((p, i) => values.set(p, offsets[i]));
  return { values, offsets };
}

function listData(type: DataType, offsets: Int32Array, child: Data): Data {
  return makeData({ type: type as List, length: offsets.length - 1, nullCount: 0, valueOffsets: offsets, child });
}

function snapshotData(snapshots: readonly Float64Array[]): Data {
  const { values, offsets } = concat(snapshots);
  return listData(snapshotType(), offsets, makeData({ type: new Float64(), length: values.length, nullCount: 0, data: values }));
}

function trajectoryData(trajectories: readonly (readonly Float64Array[])[]): Data {
  const outer = new Int32Array(trajectories.length + 1);
  trajectories.forEach((t, i) => (outer[i + 1] = outer[i] + t.length));
  return listData(trajectoryType(), outer, snapshotData(trajectories.flat()));
}

/** The rows of a CLRS table, checked against their algorithm's spec. Throws DataError naming the column and row. */
export function readSamples(table: Table): ClrsRow[] {
  const out: ClrsRow[] = [];
  for (const batch of table.batches) {
    const column = (name: string): Data => {
      const i = batch.schema.fields.findIndex((f) => f.name === name);
      if (i < 0) throw new DataError(`CLRS table: no column '${name}'`);
      return batch.data.children[i];
    };
    const algorithms = batch.getChild('algorithm');
    const splits = batch.getChild('split');
    const indices = batch.getChild('index');
    const ns = batch.getChild('n');
    const lengths = batch.getChild('length');
    if (!algorithms || !splits || !indices || !ns || !lengths) throw new DataError('CLRS table: needs columns algorithm, split, index, n, length');
    for (let row = 0; row < batch.numRows; row++) {
      const algorithm = String(algorithms.get(row));
      const n = Number(ns.get(row));
      const length = Number(lengths.get(row));
      const where = `CLRS table row ${out.length}`;
      const rec = new SampleRecorder(algorithm, specOf(algorithm), n);
      const spec = specOf(algorithm);
      const steps: Record<string, Float64Array[]> = {};
      try {
        for (const [name, p] of Object.entries(spec)) {
          const col = probeColumn(p.stage, name);
          if (p.stage === 'hint') {
            const t = trajectoryAt(column(col), row, col);
            if (t.length !== length) throw new DataError(`${where}: '${col}' has ${t.length} steps, length says ${length}`);
            steps[name] = t;
          } else {
            const values = listAt(column(col), row, col);
            if (values.length !== probeSize(p, n)) throw new DataError(`${where}: '${col}' has ${values.length} values, expected ${probeSize(p, n)}`);
            if (p.stage === 'input') rec.input(name, values);
            else rec.output(name, values);
          }
        }
        for (let t = 0; t < length; t++) rec.hint(Object.fromEntries(Object.entries(steps).map(([name, s]) => [name, s[t]])));
        const s = splits.get(row);
        out.push({ split: s === null ? null : String(s), index: Number(indices.get(row)), sample: rec.finish() });
      } catch (err) {
        if (err instanceof DataError) throw err;
        throw new DataError(`${where}: ${(err as Error).message}`);
      }
    }
  }
  return out;
}

function checkList(data: Data, column: string, depth: 1 | 2): void {
  // type predicates, not instanceof: a table read from IPC holds Float(DOUBLE), not the Float64 subclass
  let type: DataType = data.type;
  for (let d = 0; d < depth; d++) {
    if (!DataType.isList(type)) throw new DataError(`CLRS table: column '${column}' must be ${depth === 1 ? 'List<Float64>' : 'List<List<Float64>>'}`);
    type = type.children[0].type;
  }
  if (!DataType.isFloat(type) || type.precision !== Precision.DOUBLE) throw new DataError(`CLRS table: column '${column}' must hold Float64 values`);
}

function listAt(data: Data, row: number, column: string): Float64Array {
  checkList(data, column, 1);
  return sliceList(data, row);
}

function sliceList(data: Data, row: number): Float64Array {
  const offsets = data.valueOffsets as Int32Array;
  const start = offsets[data.offset + row];
  const end = offsets[data.offset + row + 1];
  const child = data.children[0];
  return (child.values as Float64Array).slice(child.offset + start, child.offset + end);
}

function trajectoryAt(data: Data, row: number, column: string): Float64Array[] {
  checkList(data, column, 2);
  const offsets = data.valueOffsets as Int32Array;
  const inner = data.children[0];
  const steps: Float64Array[] = [];
  for (let s = offsets[data.offset + row]; s < offsets[data.offset + row + 1]; s++) steps.push(sliceList(inner, s));
  return steps;
}
