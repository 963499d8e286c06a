/**
 * The connection on which an instance listens for `crosswalk_changes` (PostgreSQL): the NOTIFY
 * that every transaction adding to the coverage change log sends at its COMMIT (migration 0004),
 * whichever instance, CLI command or SQL session wrote it. Rules:
 * - One connection of its own, outside the store's pool (it stays open and idle), shown as
 *   `crosswalk-changes` in pg_stat_activity.
 * - When it is lost (or cannot be made) it is made again after a pause (0.5 s doubling to 15 s),
 *   and `onLost` is told; `onConnected` is told of every connection made. Notifications sent while
 *   it was not listening are lost, so after a re-connection `onChange` is called once.
 * - A notification is only an early hint: readers compare the change log's max(seq) anyway, so
 *   a lost one delays a patch of the coverage cache until the next read; it never makes an
 *   answer stale.
 */
import pg from 'pg';

/** The channel of migration 0004's trigger. */
export const CHANGES_CHANNEL = 'crosswalk_changes';

const FIRST_RETRY_MS = 500;
const LONGEST_RETRY_MS = 15_000;

export interface ChangeListenerEvents {
  /**
   * Something the coverage engine reads changed (or may have, after a re-connection: then
   * `sender` is null). `sender`: the PostgreSQL backend process whose commit sent the notification.
   */
  onChange(sender: number | null): void;
  /** Listening; `again` after a lost connection. */
  onConnected?(again: boolean): void;
  /** The connection was lost or could not be made; the next try is in `retryInMs`. */
  onLost?(reason: string, retryInMs: number): void;
}

export interface ChangeListener {
  /** Stops listening and ends the connection. */
  close(): Promise<void>;
}

export function listenForChanges(url: string, events: ChangeListenerEvents): ChangeListener {
  let client: pg.Client | null = null;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  let listenedBefore = false;
  let pause = FIRST_RETRY_MS;

  const connect = async (): Promise<void> => {
    timer = null;
    if (closed) return;
    const c = new pg.Client({ connectionString: url, application_name: 'crosswalk-changes' });
    client = c;
    let lost = false;
    const onLoss = (error?: unknown) => {
      if (lost) return;
      lost = true;
      if (client === c) client = null;
      c.removeAllListeners('notification');
      void c.end().catch(() => undefined);
      if (closed) return;
      events.onLost?.(error instanceof Error ? error.message : 'the connection ended', pause);
      timer = setTimeout(() => void connect(), pause);
      timer.unref();
      pause = Math.min(pause * 2, LONGEST_RETRY_MS);
    };
    c.on('error', onLoss);
    c.on('end', () => onLoss());
    c.on('notification', (message) => {
      if (message.channel === CHANGES_CHANNEL) events.onChange(message.processId);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANGES_CHANNEL}`);
    } catch (error) {
      onLoss(error);
      return;
    }
    if (closed || lost) return;
    pause = FIRST_RETRY_MS;
    events.onConnected?.(listenedBefore);
    if (listenedBefore) events.onChange(null);
    listenedBefore = true;
  };

  void connect();
  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}
