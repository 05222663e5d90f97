/**
 * Typed arrays on SharedArrayBuffer: the engine's helper thread reads and writes the same memory (posting a
 * view of a SharedArrayBuffer shares it, nothing is copied).
 */
export function sharedFloat32(n: number): Float32Array {
  return new Float32Array(new SharedArrayBuffer(n * 4));
}

export function sharedInt32(n: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(n * 4));
}
