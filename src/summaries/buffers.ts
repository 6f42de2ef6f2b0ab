import type { NumberArray } from '../typed-arrays.js';

/**
 * Working arrays reused from call to call. Ranking a corpus needs about twenty arrays per article;
 * most are larger than V8 keeps on its own heap, so allocating them afresh for each of thousands
 * of articles cost an allocation outside the heap apiece and hurried the garbage collector.
 */
export class Buffers {
  private readonly int32 = new Map<string, Int32Array>();
  private readonly float64 = new Map<string, Float64Array>();
  private readonly uint8 = new Map<string, Uint8Array>();

  /** A zeroed array of `length`, valid until `name` is asked for again. */
  int32Array(name: string, length: number): Int32Array {
    return reuse(this.int32, name, length, (size) => new Int32Array(size));
  }

  /** A zeroed array of `length`, valid until `name` is asked for again. */
  float64Array(name: string, length: number): Float64Array {
    return reuse(this.float64, name, length, (size) => new Float64Array(size));
  }

  /** A zeroed array of `length`, valid until `name` is asked for again. */
  uint8Array(name: string, length: number): Uint8Array {
    return reuse(this.uint8, name, length, (size) => new Uint8Array(size));
  }
}

/** The named buffer, grown (at least doubled) when too small, as a zeroed view of `length`. */
function reuse<T extends NumberArray>(
  buffers: Map<string, T>,
  name: string,
  length: number,
  create: (size: number) => T,
): T {
  let buffer = buffers.get(name);
  if (!buffer || buffer.length < length) {
    buffer = create(Math.max(length, 2 * (buffer?.length ?? 32)));
    buffers.set(name, buffer);
  }
  return buffer.subarray(0, length).fill(0) as T;
}
