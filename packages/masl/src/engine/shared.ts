/** A typed-array constructor (Float64Array, Int32Array, Uint8Array, …). */
interface TypedCtor<T> {
  new (length: number): T;
  new (buffer: ArrayBufferLike): T;
  readonly BYTES_PER_ELEMENT: number;
}

/**
 * A zeroed typed array of `length` elements, on a SharedArrayBuffer when `shared` (so that worker
 * threads can act on it in place).
 * @param C - the typed-array class.
 * @param length - its number of elements.
 * @param shared - whether to back it by a SharedArrayBuffer.
 * @returns the array.
 * @example
 * typedArray(Float64Array, 3, true).buffer instanceof SharedArrayBuffer; // → true
 */
export function typedArray<T>(C: TypedCtor<T>, length: number, shared: boolean): T {
  return shared ? new C(new SharedArrayBuffer(length * C.BYTES_PER_ELEMENT)) : new C(length);
}

/**
 * A copy of a typed array on a SharedArrayBuffer.
 * @param a - the array.
 * @returns the shared copy.
 * @example
 * toShared(Int32Array.of(1, 2))[1]; // → 2
 */
export function toShared<T extends Float64Array | Int32Array | Uint8Array>(a: T): T {
  const C = a.constructor as TypedCtor<T>;
  const out = typedArray(C, a.length, true);
  (out as unknown as { set(v: ArrayLike<number>): void }).set(a);
  return out;
}
