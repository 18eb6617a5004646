import { DataType, Dictionary, Field, RecordBatch, Schema, Type, Vector } from 'apache-arrow';
import { DataError } from '../common/errors.js';

/** What a stage expects of a column: a readable name for messages and a test on the Arrow type. */
export interface ColumnType {
  readonly describe: string;
  accepts(type: DataType): boolean;
}

const isFloat = (t: DataType): boolean => t.typeId === Type.Float;
const isNumeric = (t: DataType): boolean => t.typeId === Type.Float || t.typeId === Type.Int;

const isString = (t: DataType): boolean => t.typeId === Type.Utf8 || t.typeId === Type.LargeUtf8;

/**
 * Strings, plain or dictionary-encoded (what pandas categoricals and `tableFromArrays` write): a dictionary
 * vector's get(i) returns the decoded string, so readers need not tell them apart.
 */
export const UTF8: ColumnType = {
  describe: 'Utf8',
  accepts: (t) => isString(t) || (t.typeId === Type.Dictionary && isString((t as Dictionary).dictionary)),
};

/** A list of strings per row (a caption's references, for one). */
export const UTF8_LIST: ColumnType = {
  describe: 'List<Utf8>',
  accepts: (t) => t.typeId === Type.List && UTF8.accepts((t.children[0] as Field).type),
};

export const FLOAT: ColumnType = { describe: 'Float64 (or another float)', accepts: isFloat };

/** A one-dimensional series: List<Float64> by convention; other numeric lists are read as float64. */
export const NUMERIC_LIST: ColumnType = {
  describe: 'List<Float64>',
  accepts: (t) =>
    (t.typeId === Type.List || t.typeId === Type.FixedSizeList) && isNumeric((t.children[0] as Field).type),
};

/** The field `column` of `schema`, checked against `type`; a one-line DataError names the source and column. */
export function requireColumn(source: string, schema: Schema, column: string, type: ColumnType): Field {
  const field = schema.fields.find((f) => f.name === column);
  if (!field) {
    const have = schema.fields.map((f) => f.name).join(', ') || 'none';
    throw new DataError(`${source}: missing column '${column}' (expected ${type.describe}; columns: ${have})`);
  }
  if (!type.accepts(field.type)) {
    throw new DataError(`${source}: column '${column}' has type ${field.type}, expected ${type.describe}`);
  }
  return field;
}

/** The field `column` if present, checked against `type`; undefined if absent. */
export function optionalColumn(source: string, schema: Schema, column: string, type: ColumnType): Field | undefined {
  return schema.fields.some((f) => f.name === column) ? requireColumn(source, schema, column, type) : undefined;
}

export function column(batch: RecordBatch, name: string): Vector {
  const v = batch.getChild(name);
  if (!v) throw new DataError(`missing column '${name}'`);
  return v;
}

/** Row `i` of a numeric list column as a fresh Float64Array (null rows give an empty array). */
export function float64ListAt(vector: Vector, i: number): Float64Array {
  const cell = vector.get(i) as Vector | null;
  if (cell === null) return new Float64Array(0);
  return Float64Array.from(cell.toArray() as ArrayLike<number>);
}
