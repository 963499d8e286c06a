/**
 * Lets the event loop run between slices of a long synchronous piece of work (better-sqlite3
 * answers every statement synchronously), so that a large import inside one write transaction
 * never keeps other requests waiting longer than about one slice.
 *
 * Rule: `pace()` returns at once until `sliceMs` of work have passed since the last pause; then
 * it waits for one turn of the event loop (`setImmediate`: pending I/O and timers run first).
 */
export class Pacer {
  private sliceStart = performance.now();

  constructor(private readonly sliceMs = 10) {}

  async pace(): Promise<void> {
    if (performance.now() - this.sliceStart < this.sliceMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.sliceStart = performance.now();
  }
}
