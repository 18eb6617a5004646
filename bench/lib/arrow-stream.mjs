// Writes an Arrow IPC stream of about SIZE_MB megabytes to stdout: batches of 65 536 rows (an id and a
// List<Float64> series of 16 values per row, about 8.9 MB a batch). Used to check that stages stream.
import { Field, Float64, List, RecordBatchStreamWriter, Table, Utf8, vectorFromArray } from 'apache-arrow';

const sizeMb = Number(process.argv[2] ?? 100);
const rows = 65536;
const width = 16;
const series = new List(new Field('item', new Float64(), true));
const ids = vectorFromArray(Array.from({ length: rows }, (_, i) => `row${i}`), new Utf8());
const values = vectorFromArray(Array.from({ length: rows }, (_, i) => Float64Array.from({ length: width }, (_, j) => i + j / width)), series);
const batch = new Table({ pair_id: ids, x: values }).batches[0];
const bytes = RecordBatchStreamWriter.writeAll([batch]).toUint8Array(true);
const schemaLen = 8 + new DataView(bytes.buffer, bytes.byteOffset).getInt32(4, true);
const body = bytes.subarray(schemaLen, bytes.length - 8);
const count = Math.ceil((sizeMb * 1e6) / body.length);

const write = (chunk) => (process.stdout.write(chunk) ? Promise.resolve() : new Promise((r) => process.stdout.once('drain', r)));
await write(bytes.subarray(0, schemaLen));
for (let i = 0; i < count; i++) await write(body);
await write(bytes.subarray(bytes.length - 8));
