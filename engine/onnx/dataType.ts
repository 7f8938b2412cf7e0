/** ONNX TensorProto.DataType values DistQ reads and writes, and their typed-array storage. */
export enum DataType {
  FLOAT = 1,
  UINT8 = 2,
  INT8 = 3,
  UINT16 = 4,
  INT16 = 5,
  INT32 = 6,
  INT64 = 7,
  STRING = 8,
  BOOL = 9,
  FLOAT16 = 10,
  DOUBLE = 11,
  UINT32 = 12,
  UINT64 = 13,
}

export type TensorData =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array;

interface DataTypeInfo {
  readonly name: string;
  readonly bytesPerElement: number;
  create(length: number): TensorData;
  view(buffer: ArrayBuffer, byteOffset: number, length: number): TensorData;
}

const dataTypeInfos: ReadonlyMap<DataType, DataTypeInfo> = new Map<DataType, DataTypeInfo>([
  [DataType.FLOAT, { name: 'float32', bytesPerElement: 4, create: (n) => new Float32Array(n), view: (b, o, n) => new Float32Array(b, o, n) }],
  [DataType.DOUBLE, { name: 'float64', bytesPerElement: 8, create: (n) => new Float64Array(n), view: (b, o, n) => new Float64Array(b, o, n) }],
  [DataType.INT8, { name: 'int8', bytesPerElement: 1, create: (n) => new Int8Array(n), view: (b, o, n) => new Int8Array(b, o, n) }],
  [DataType.UINT8, { name: 'uint8', bytesPerElement: 1, create: (n) => new Uint8Array(n), view: (b, o, n) => new Uint8Array(b, o, n) }],
  [DataType.BOOL, { name: 'bool', bytesPerElement: 1, create: (n) => new Uint8Array(n), view: (b, o, n) => new Uint8Array(b, o, n) }],
  [DataType.INT16, { name: 'int16', bytesPerElement: 2, create: (n) => new Int16Array(n), view: (b, o, n) => new Int16Array(b, o, n) }],
  [DataType.UINT16, { name: 'uint16', bytesPerElement: 2, create: (n) => new Uint16Array(n), view: (b, o, n) => new Uint16Array(b, o, n) }],
  [DataType.FLOAT16, { name: 'float16', bytesPerElement: 2, create: (n) => new Uint16Array(n), view: (b, o, n) => new Uint16Array(b, o, n) }],
  [DataType.INT32, { name: 'int32', bytesPerElement: 4, create: (n) => new Int32Array(n), view: (b, o, n) => new Int32Array(b, o, n) }],
  [DataType.UINT32, { name: 'uint32', bytesPerElement: 4, create: (n) => new Uint32Array(n), view: (b, o, n) => new Uint32Array(b, o, n) }],
  [DataType.INT64, { name: 'int64', bytesPerElement: 8, create: (n) => new BigInt64Array(n), view: (b, o, n) => new BigInt64Array(b, o, n) }],
  [DataType.UINT64, { name: 'uint64', bytesPerElement: 8, create: (n) => new BigUint64Array(n), view: (b, o, n) => new BigUint64Array(b, o, n) }],
]);

export function dataTypeInfo(dataType: DataType): DataTypeInfo {
  const info = dataTypeInfos.get(dataType);
  if (!info) {
    throw new Error(`ONNX data type ${dataType} (${DataType[dataType] ?? 'unknown'}) is not supported; supported: ${[...dataTypeInfos.values()].map((i) => i.name).join(', ')}`);
  }
  return info;
}

export function dataTypeName(dataType: DataType): string {
  return dataTypeInfos.get(dataType)?.name ?? DataType[dataType] ?? `type ${dataType}`;
}

/** The onnxruntime-node tensor type string for a data type. */
export function ortTypeName(dataType: DataType): 'float32' | 'float64' | 'int8' | 'uint8' | 'bool' | 'int32' | 'int64' | 'int16' | 'uint16' | 'uint32' | 'uint64' | 'float16' {
  switch (dataType) {
    case DataType.FLOAT: return 'float32';
    case DataType.DOUBLE: return 'float64';
    case DataType.INT8: return 'int8';
    case DataType.UINT8: return 'uint8';
    case DataType.BOOL: return 'bool';
    case DataType.INT32: return 'int32';
    case DataType.INT64: return 'int64';
    case DataType.INT16: return 'int16';
    case DataType.UINT16: return 'uint16';
    case DataType.UINT32: return 'uint32';
    case DataType.UINT64: return 'uint64';
    case DataType.FLOAT16: return 'float16';
    default: throw new Error(`no onnxruntime tensor type for ONNX data type ${dataTypeName(dataType)}`);
  }
}

export function isFloatType(dataType: DataType): boolean {
  return dataType === DataType.FLOAT || dataType === DataType.DOUBLE || dataType === DataType.FLOAT16;
}
