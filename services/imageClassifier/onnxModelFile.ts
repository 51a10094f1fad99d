/**
 * The few things read from an ONNX file that onnxruntime-node does not expose: the model's metadata properties
 * (pixel format and range of a Custom Vision export) and the ZipMap node of older exports. A minimal reader of
 * the protobuf wire format, for the fields of onnx.proto named below, and one edit: exposing a tensor as an
 * extra graph output.
 *
 * onnx.proto fields used: ModelProto.graph = 7, ModelProto.metadata_props = 14 (StringStringEntryProto key = 1,
 * value = 2); GraphProto.node = 1, GraphProto.output = 12; NodeProto.input = 1, output = 2, op_type = 4,
 * attribute = 5, domain = 7; AttributeProto.name = 1, strings = 9; ValueInfoProto.name = 1, type = 2;
 * TypeProto.tensor_type = 1; TypeProto.Tensor.elem_type = 1 (FLOAT = 1).
 */

const VARINT = 0;
const I64 = 1;
const LEN = 2;
const I32 = 5;

interface Field {
  number: number;
  wireType: number;
  /** For LEN fields: the payload; otherwise empty. */
  bytes: Uint8Array;
  /** For VARINT fields. */
  value: number;
  /** The whole field as encoded (tag included), to copy it unchanged. */
  raw: Uint8Array;
}

interface ZipMapNode {
  /** The probability tensor feeding the ZipMap. */
  input: string;
  /** The map's output name (e.g. "loss"). */
  output: string;
  /** The map keys, in the tensor's column order. */
  labels: string[];
}

interface OnnxModelInfo {
  metadata: Record<string, string>;
  zipMap?: ZipMapNode;
}

export function readModelInfo(model: Uint8Array): OnnxModelInfo {
  const metadata: Record<string, string> = {};
  let zipMap: ZipMapNode | undefined;
  for (const field of fields(model)) {
    if (field.number === 14 && field.wireType === LEN) {
      const entry = fields(field.bytes);
      const key = text(entry.find((f) => f.number === 1));
      if (key) metadata[key] = text(entry.find((f) => f.number === 2));
    }
    if (field.number === 7 && field.wireType === LEN) zipMap = findZipMap(field.bytes) ?? zipMap;
  }
  return { metadata, zipMap };
}

/** The same model with `tensorName` (a float tensor computed inside the graph) added to the graph's outputs. */
export function withFloatOutput(model: Uint8Array, tensorName: string): Uint8Array {
  const floatTensorType = lenField(1, varintField(1, 1));
  const valueInfo = concat(stringField(1, tensorName), lenField(2, floatTensorType));
  const parts = fields(model).map((field) =>
    field.number === 7 && field.wireType === LEN ? lenField(7, concat(field.bytes, lenField(12, valueInfo))) : field.raw,
  );
  return concat(...parts);
}

function findZipMap(graph: Uint8Array): ZipMapNode | undefined {
  for (const field of fields(graph)) {
    if (field.number !== 1 || field.wireType !== LEN) continue;
    const node = fields(field.bytes);
    if (text(node.find((f) => f.number === 4)) !== 'ZipMap') continue;
    const labels: string[] = [];
    for (const attribute of node.filter((f) => f.number === 5)) {
      const parts = fields(attribute.bytes);
      if (text(parts.find((f) => f.number === 1)) !== 'classlabels_strings') continue;
      for (const label of parts.filter((f) => f.number === 9)) labels.push(text(label));
    }
    const input = text(node.find((f) => f.number === 1));
    const output = text(node.find((f) => f.number === 2));
    if (input && output && labels.length > 0) return { input, output, labels };
  }
  return undefined;
}

function fields(buffer: Uint8Array): Field[] {
  const result: Field[] = [];
  let offset = 0;
  const varint = (): number => {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (offset >= buffer.length) throw new Error('truncated protobuf varint');
      const byte = buffer[offset++];
      value += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) return value;
      scale *= 128;
    }
  };
  while (offset < buffer.length) {
    const start = offset;
    const tag = varint();
    const wireType = tag % 8;
    const number = Math.floor(tag / 8);
    let bytes: Uint8Array = new Uint8Array(0);
    let value = 0;
    if (wireType === VARINT) value = varint();
    else if (wireType === I64) offset += 8;
    else if (wireType === I32) offset += 4;
    else if (wireType === LEN) {
      const length = varint();
      if (offset + length > buffer.length) throw new Error('truncated protobuf field');
      bytes = buffer.subarray(offset, offset + length);
      offset += length;
    } else throw new Error(`unsupported protobuf wire type ${wireType}`);
    result.push({ number, wireType, bytes, value, raw: buffer.subarray(start, offset) });
  }
  return result;
}

function text(field: Field | undefined): string {
  return field ? Buffer.from(field.bytes).toString('utf8') : '';
}

function encodeVarint(value: number): Uint8Array {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 128) | 0x80);
    rest = Math.floor(rest / 128);
  }
  bytes.push(rest);
  return Uint8Array.from(bytes);
}

function lenField(number: number, payload: Uint8Array): Uint8Array {
  return concat(encodeVarint(number * 8 + LEN), encodeVarint(payload.length), payload);
}

function stringField(number: number, value: string): Uint8Array {
  return lenField(number, Buffer.from(value, 'utf8'));
}

function varintField(number: number, value: number): Uint8Array {
  return concat(encodeVarint(number * 8 + VARINT), encodeVarint(value));
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return Buffer.concat(parts);
}
