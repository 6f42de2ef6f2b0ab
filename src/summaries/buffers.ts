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
    let buffer = this.int32.get(name);
    if (!buffer || buffer.length < length) {
      buffer = new Int32Array(Math.max(length, 2 * (buffer?.length ?? 32)));
      this.int32.set(name, buffer);
    }
    return buffer.subarray(0, length).fill(0);
  }

  /** A zeroed array of `length`, valid until `name` is asked for again. */
  float64Array(name: string, length: number): Float64Array {
    let buffer = this.float64.get(name);
    if (!buffer || buffer.length < length) {
      buffer = new Float64Array(Math.max(length, 2 * (buffer?.length ?? 32)));
      this.float64.set(name, buffer);
    }
    return buffer.subarray(0, length).fill(0);
  }

  /** A zeroed array of `length`, valid until `name` is asked for again. */
  uint8Array(name: string, length: number): Uint8Array {
    let buffer = this.uint8.get(name);
    if (!buffer || buffer.length < length) {
      buffer = new Uint8Array(Math.max(length, 2 * (buffer?.length ?? 32)));
      this.uint8.set(name, buffer);
    }
    return buffer.subarray(0, length).fill(0);
  }
}
