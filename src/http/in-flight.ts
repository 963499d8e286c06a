/**
 * The requests an instance is still working on, so that shutdown closes the database only after
 * them. A request counts from its arrival until its answer is sent or its connection closed and,
 * for the handlers registered with `track` (GraphQL), until the handler itself returned: a
 * handler whose client went away (or whose connection the drain closed after its grace) may still
 * be running queries.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';

export class InFlight {
  private readonly pending = new Set<Promise<void>>();

  /** Counts `work` until it settles (its outcome is the handler's business, not this one's). */
  track(work: Promise<unknown>): void {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.pending.add(settled);
    void settled.then(() => this.pending.delete(settled));
  }

  /** How many are in flight now. */
  get size(): number {
    return this.pending.size;
  }

  /** Resolves true once nothing is in flight, or false when `deadline` (ms since the epoch) passes first. */
  async settled(deadline: number): Promise<boolean> {
    while (this.pending.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      const expired = new Promise<void>((resolve) => (timer = setTimeout(resolve, left)));
      await Promise.race([Promise.all(this.pending), expired]);
      clearTimeout(timer);
    }
    return true;
  }

  /** Express middleware: counts every request until its response is finished or its connection closed. */
  requests() {
    return (_req: Request, res: Response, next: NextFunction): void => {
      this.track(new Promise<void>((resolve) => res.once('close', () => resolve())));
      next();
    };
  }

  /** Wraps an (async) Express handler so that it counts until the promise it returns settles. */
  handler(handle: RequestHandler): RequestHandler {
    return (req, res, next) => {
      const running = handle(req, res, next);
      if (running instanceof Promise) this.track(running);
      return running;
    };
  }
}
