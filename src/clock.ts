/**
 * The clock. Services and the domain never read the time themselves: they are given a `Clock`
 * (createServices takes one; tests pass a fake one), so every timestamp, cutoff and staleness
 * check of one process compares instants of the same clock. `systemClock` is the real one.
 * (test/services/one-clock.test.ts keeps `Date.now()` and `new Date()` out of both layers.)
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
