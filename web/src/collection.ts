import { type PersistedCollectionPersistence, persistedCollectionOptions } from "@tanstack/browser-db-sqlite-persistence";
import { type CollectionConfig, type SyncConfig, type Transaction, createCollection } from "@tanstack/react-db";
import { NonRetriableError } from "@tanstack/offline-transactions";
import { ApiError, type ListRead, type TodoApi, type TodoUpdate, mayPassOnRetry, mustRefetch, retryRead } from "./api";
import { FeedCursor, type Place, isPlace } from "./cursor";
import type { FeedPage, Todo, TodoChange } from "./todo";
import { VersionGate } from "./versions";

/** The timers a store waits with; the browser's by default, a test's own in tests. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const browserTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** How long a frame that came after a missing change waits for it before the feed is read. */
export const GAP_WAIT_MS = 1_500;

export interface TodoStoreOptions {
  /** The list these todos belong to. */
  listId: string;
  /** The todo contract scoped to that list. */
  api: TodoApi;
  /** Told about every write the server refused; the optimistic state is already rolled back. */
  onWriteError?: (error: Error) => void;
  /** Asked for a fresh read when the server says a todo is gone. */
  onStale?: () => void;
  /**
   * Asked for a read of the feed ({@link TodoStore.catchUp}, kept in order with the live frames)
   * when a frame came after a change that has not arrived within {@link gapWaitMs}.
   */
  onBehind?: () => void;
  /**
   * The list's `seq` as the page last heard it (its lists): a full read sent after it reflects at
   * least that, so a rename or delete just before the read leaves no seeming gap after it.
   */
  knownSeq?: () => number | undefined;
  /** How long a frame after a missing change waits for it before the feed is read ({@link GAP_WAIT_MS}). */
  gapWaitMs?: number;
  /** What the store waits with (the gap's wait, a failed read's retry); the browser's timers by default. */
  timers?: Timers;
  /**
   * Where the list's rows are kept across reloads (the person's database in the browser); without
   * it, in memory only. Its rows and its place in the feed are committed together.
   */
  persistence?: PersistedCollectionPersistence;
  /** How the person's writes are sent ({@link directWriter} by default; the outbox where there is one). */
  writer?: () => TodoWriter | undefined;
}

/** The collection metadata that holds the list's {@link Place} in its feed, beside its rows. */
export const PLACE_KEY = "place";

/**
 * The persisted rows' layout. A different number drops what an older page kept (the list is then
 * read in full once).
 */
export const TODOS_SCHEMA_VERSION = 1;

/** A list's collection id: stable across reloads, since the persisted rows and the outbox name it. */
export function todosCollectionId(listId: string): string {
  return `todos:${listId}`;
}

type SyncParams = Parameters<SyncConfig<Todo, string>["sync"]>[0];

export type WriteType = "insert" | "update" | "delete";

/** What {@link TodoStore.send} reads of a change: a pending mutation's, or one restored from the outbox. */
export interface WriteMutation {
  key: unknown;
  modified: Todo;
  /** The row before the change (empty for an insert). */
  original: Todo | Record<string, never>;
  changes: Partial<Todo>;
  metadata?: unknown;
}

/** What the person's action says of its write. */
export interface WriteMetadata extends Record<string, unknown> {
  /** The action tells the person itself when the write is refused (a rename's field, an add's Retry). */
  quiet?: boolean;
  /** The version a rename was started on, by todo id (one edit: the one id). */
  seenVersion?: number;
}

export interface SendOptions {
  /** The write waits in the outbox: a failure that may pass is not final, a refusal is. */
  queued?: boolean;
  /** Sent on the request, so a write sent again is applied once. */
  idempotencyKey?: string;
  /** Whether to stay quiet when refused (by default: what the mutations' metadata says). */
  quiet?: boolean;
  /** The version each rename was started on, by todo id (the outbox keeps it beside the write). */
  seenVersion?: Record<string, number>;
}

/**
 * The server refused a write the outbox held: it is dropped from the outbox and rolled back
 * ({@link NonRetriableError}); the refusal says why.
 */
export class RefusedWrite extends NonRetriableError {
  constructor(readonly refusal: Error) {
    super(refusal.message);
  }
}

/** One write of the person's: its transaction, and when it is safe. */
export interface Written {
  transaction: Transaction<any>;
  /** Resolves once the server has it, or the outbox keeps it; rejects if the server refused it. */
  saved: Promise<void>;
}

/**
 * How a list's writes are sent: straight from the collection's handlers ({@link directWriter}), or
 * through the outbox, which keeps each write until the server confirms it.
 */
export interface TodoWriter {
  /** `change` makes the write in the list's collection (insert, update or delete). */
  write(store: TodoStore, change: () => Transaction<any>, metadata: WriteMetadata & { seen?: Record<string, number> }): Written;
}

/** Each write sent at once by the collection's handlers, as without an outbox. */
export const directWriter: TodoWriter = {
  write(_store, change) {
    const transaction = change();
    return { transaction, saved: transaction.isPersisted.promise.then(() => undefined) };
  },
};

/** The refusal behind a failed write, whichever way it was sent. */
export function refusalOf(error: unknown): unknown {
  return error instanceof RefusedWrite ? error.refusal : error;
}

/** What the persistence wrapper adds to the row metadata API: the rows kept in the database. */
interface PersistedRows {
  scanPersisted?: () => Promise<{ key: string | number; value: unknown }[]>;
}

let collections = 0;

/**
 * One list's todos collection and everything that writes into its synced state: full reads, the
 * change feed, the server's answers to this page's writes, and live changes. All of them go
 * through one {@link VersionGate}, so whichever copy of a change arrives last cannot undo a newer
 * one, and the list's place in its feed is kept beside them ({@link FeedCursor}).
 *
 * The store runs the collection's sync itself rather than through a query collection: a full
 * read replaces the synced rows in one sync transaction (begin, truncate, the read's rows, commit),
 * so the list never shows empty on the way, and nothing outside the store holds a copy of the
 * rows to reconcile (a query cache would, and would diff a replacement against itself).
 *
 * Each list is its own collection, created when the list is opened and cleaned up when the person
 * leaves it and the outbox has no writes left for it (see {@link ListWorkspace} for why, and
 * {@link TodoStores}), so the gate, the cursor, the record of the page's own writes and the
 * per-todo write order are per list too: todo ids are unique only within their list.
 *
 * Persisted ({@link TodoStoreOptions.persistence}), the collection's rows and the list's place in
 * its feed are kept in the browser's database in one commit, under a collection id that is the
 * same on every page load ({@link todosCollectionId}); a page that opens the list again shows the
 * kept rows at once and resumes from the kept place.
 */
export function createTodoStore(options: TodoStoreOptions) {
  const { api, listId } = options;
  const timers = options.timers ?? browserTimers;
  const gapWaitMs = options.gapWaitMs ?? GAP_WAIT_MS;
  const gate = new VersionGate();
  const position = new FeedCursor();
  const ownWrites = new OwnWrites();
  const keyLock = new KeyLock();
  const reads = new AbortController();
  let sync: SyncParams | undefined;
  let syncStarts = 0;
  // Until the sync has started (a persisted collection starts it once its database has answered)
  // and the kept rows are known, what arrives waits here, in order.
  let started = false;
  const waiting: (() => void)[] = [];
  let whenStarted!: () => void;
  const ready = new Promise<void>((resolve) => (whenStarted = resolve));
  let gapTimer: unknown;
  // Writes whose handler has not finished; the collection is cleaned up only when there are none.
  let inFlight = 0;
  const idle: (() => void)[] = [];
  const tracked = async <T>(work: () => Promise<T>): Promise<T> => {
    inFlight++;
    try {
      return await work();
    } finally {
      if (--inFlight === 0) idle.splice(0).forEach((resolve) => resolve());
    }
  };

  const syncConfig: SyncConfig<Todo, string> = {
    rowUpdateMode: "full",
    sync: (params) => {
      // A sync started again (after garbage collection) starts with no rows: what the gate and
      // the cursor say of them no longer holds, and the next read is a full one (or resumes from
      // what the database kept, below).
      if (syncStarts++ > 0) {
        gate.snapshot([]);
        position.forget();
      }
      sync = params;
      void resume(params);
      return () => {
        if (sync === params) sync = undefined;
      };
    },
  };

  /**
   * A persisted list kept its rows and its place in one commit: the page shows them at once
   * (ready, no "Loading") and the next read resumes from that place, with the gate knowing every
   * kept row's version. Without a kept place (never read, or in memory), the first read is a full
   * one and marks the collection ready.
   */
  async function resume(params: SyncParams): Promise<void> {
    const place = params.metadata?.collection.get(PLACE_KEY);
    const scan = (params.metadata?.row as PersistedRows | undefined)?.scanPersisted;
    if (options.persistence && isPlace(place) && scan) {
      try {
        const kept = await scan();
        if (sync !== params) return;
        gate.snapshot(kept.map(({ value }) => value as Todo));
        position.restore(place);
        params.markReady();
        // Ready once the persistence has put the kept rows into the collection, not before.
        await new Promise<void>((resolve) => collection.onFirstReady(() => resolve()));
        if (sync !== params) return;
      } catch {
        position.forget(); // the database could not say what it holds: read the list in full
      }
    }
    if (sync !== params) return;
    started = true;
    for (const work of waiting.splice(0)) {
      try {
        work();
      } catch {
        // guarded() has already made the next read a full one
      }
    }
    whenStarted();
  }

  /** Runs now once the sync has started and the kept rows are known; until then, in turn after. */
  function afterStart(work: () => void): void {
    if (started) work();
    else waiting.push(work);
  }

  /**
   * Sends one write of the page's (what one transaction did to the list) and applies the server's
   * answer to the synced state. Refused, it tells the person unless the write's caller said it
   * tells them itself (`quiet`), after putting right what the refusal says is out of date, and
   * throws: a {@link RefusedWrite} when the write was {@link SendOptions.queued} (so the outbox
   * drops it and rolls it back), the readable error otherwise. A queued write that failed for what
   * may pass throws a plain error, quietly: the outbox sends it again later, under the same key.
   */
  async function send(type: WriteType, mutations: readonly WriteMutation[], sendOptions: SendOptions = {}): Promise<void> {
    await ready;
    return tracked(async () => {
      const ids = mutations.map((mutation) => String(mutation.key));
      const keyOf = (i: number) =>
        sendOptions.idempotencyKey === undefined ? undefined : mutations.length === 1 || type !== "insert" ? sendOptions.idempotencyKey : `${sendOptions.idempotencyKey}:${i}`;
      await keyLock.run(ids, async () => {
        try {
          if (type === "insert") {
            const created = await Promise.all(
              mutations.map(({ modified }, i) => api.create({ id: modified.id, name: modified.name, status: modified.status }, keyOf(i))),
            );
            created.forEach((todo) => ownWrites.record(todo.id, 0, todo.version));
            apply(created.map((todo) => ({ seq: todo.seq, op: "upsert", todo })));
          } else if (type === "update") {
            // The version each edit was made on, counting this page's own earlier writes.
            // A rename carries the version its edit was started on (`seenVersion`): a change that
            // arrived live while the person typed must still count as a conflict.
            const bases = mutations.map(({ key, original, metadata }) =>
              ownWrites.rebase(String(key), sendOptions.seenVersion?.[String(key)] ?? (metadata as WriteMetadata | undefined)?.seenVersion ?? (original as Todo).version),
            );
            const updates: TodoUpdate[] = mutations.map(({ key, changes }, i) => {
              const update: TodoUpdate = { id: String(key), changes: {} };
              if (changes.name !== undefined) update.changes.name = changes.name;
              if (changes.status !== undefined) update.changes.status = changes.status;
              // A rename must not overwrite someone else's rename unseen; a checkbox states its
              // intent outright, so a toggle wins over whatever came before.
              if (update.changes.name !== undefined) update.version = bases[i];
              return update;
            });
            const updated = await api.update(updates, keyOf(0));
            updated.forEach((todo, i) => ownWrites.record(todo.id, bases[i] ?? 0, todo.version));
            apply(updated.map((todo) => ({ seq: todo.seq, op: "upsert", todo })));
          } else {
            const { seq } = await api.delete(ids, keyOf(0));
            // Ids the server did not have are gone too; either way the synced state drops them.
            const deleted = gate.deletedChanges(ids);
            afterStart(() => guarded(() => write(deleted, () => position.heard([seq]))));
          }
        } catch (error) {
          if (sendOptions.queued && mayPassOnRetry(error)) throw new Error("The write is sent again later.");
          if (error instanceof ApiError && error.listGone) options.onStale?.();
          else if (type === "update") await catchUpAfter(error);
          const readable = error instanceof Error ? error : new Error(String(error));
          const quiet = sendOptions.quiet ?? (mutations.length > 0 && mutations.every((m) => (m.metadata as WriteMetadata | undefined)?.quiet === true));
          if (!quiet) options.onWriteError?.(readable);
          throw sendOptions.queued ? new RefusedWrite(readable) : readable;
        }
      });
    });
  }

  const handlers: Pick<CollectionConfig<Todo, string>, "onInsert" | "onUpdate" | "onDelete"> = {
    onInsert: ({ transaction }) => send("insert", transaction.mutations),
    onUpdate: ({ transaction }) => send("update", transaction.mutations),
    onDelete: ({ transaction }) => send("delete", transaction.mutations),
  };

  // Reads happen when the live connection asks for them (socket open first, then read), so no
  // change can fall between the read and the first live frame. The first full read (or the rows
  // and place a persisted list kept) marks the collection ready.
  const collection = options.persistence
    ? createCollection(
        persistedCollectionOptions<Todo, string>({
          id: todosCollectionId(listId),
          getKey: (todo) => todo.id,
          startSync: true,
          persistence: options.persistence,
          schemaVersion: TODOS_SCHEMA_VERSION,
          sync: syncConfig,
          ...handlers,
        }),
      )
    : createCollection<Todo, string>({
        // In memory, a list opened again is a new collection: the counter keeps their ids apart.
        id: `${todosCollectionId(listId)}:${++collections}`,
        getKey: (todo) => todo.id,
        startSync: true,
        sync: syncConfig,
        ...handlers,
      });

  /** The collection's sync, while it runs; undefined once the list has been let go. */
  function synced(): SyncParams | undefined {
    return reads.signal.aborted ? undefined : sync;
  }

  /**
   * Writes the changes that are newer than what the collection holds, and the list's place in its
   * feed after `move` (what these changes do to it), as one sync transaction: persisted, the rows
   * and the place are kept in one commit, so a later page never resumes past rows it does not
   * hold. While one of the page's own writes is being sent, core shows the transaction once that
   * write settles; nothing here waits for that (a write's handler applies its own answer).
   */
  function write(changes: readonly TodoChange[], move: () => void): void {
    const params = synced();
    if (!params) {
      move();
      return;
    }
    const held = new Set(changes.map(idOf).filter((id) => gate.versionOf(id) !== undefined));
    const { upserts, deletes } = gate.plan(changes);
    const before = position.place;
    move();
    const place = position.place;
    const moved = !samePlace(before, place);
    if (upserts.length === 0 && deletes.length === 0 && !moved) return;
    inOneTransaction(params, () => {
      for (const todo of upserts) params.write({ type: held.has(todo.id) ? "update" : "insert", value: todo });
      for (const id of deletes) params.write({ type: "delete", key: id });
      if (moved) keepPlace(params, place);
    });
  }

  /**
   * Changes the page has from somewhere other than a frame (the answers to its own writes, a
   * todo read after a conflict): written by version; their `seq`s fill the list's place.
   */
  function apply(changes: readonly TodoChange[]): void {
    afterStart(() => guarded(() => write(changes, () => position.heard(changes.map((change) => change.seq)))));
  }

  /**
   * A live frame's changes, written by version whatever their `seq`; the cursor moves on to the
   * frame's only if the frame follows on from what the page holds. A frame after a missing change
   * waits {@link gapWaitMs} for it, then the feed is read ({@link TodoStoreOptions.onBehind}).
   */
  function applyFrame(changes: readonly TodoChange[], cursor?: string): void {
    afterStart(() => guarded(() => write(changes, () => position.heard(changes.map((change) => change.seq), cursor))));
  }

  /** Another write to the list took this `seq` (a rename): it is no todo change the page lacks. */
  function heardListWrite(seq: number): void {
    afterStart(() => guarded(() => write([], () => position.heard([seq]))));
  }

  /**
   * A write into the collection that failed means it no longer matches what the gate and the
   * cursor say of it: the next read is a full one.
   */
  function guarded(work: () => void): void {
    try {
      work();
    } catch (error) {
      position.forget();
      throw error;
    } finally {
      watchGap();
    }
  }

  /** Waits for a gap to close; reads the feed if it has not in time. */
  function watchGap(): void {
    if (!position.gap || reads.signal.aborted) {
      if (gapTimer !== undefined) timers.clearTimeout(gapTimer);
      gapTimer = undefined;
      return;
    }
    if (gapTimer !== undefined) return;
    gapTimer = timers.setTimeout(() => {
      gapTimer = undefined;
      if (position.gap) options.onBehind?.();
    }, gapWaitMs);
  }

  /** After a refused write, show the person the version that won, not the one they had. */
  async function catchUpAfter(error: unknown): Promise<void> {
    if (!(error instanceof ApiError)) return;
    // A todo gone, or the whole list gone for this person: a fresh read tells which, and the
    // workspace moves the person on from a list that is gone.
    if (error.status === 404) {
      options.onStale?.();
      return;
    }
    if (error.status !== 409) return;
    const current = await Promise.all(
      error.conflicts.map(async ({ id, currentVersion }): Promise<TodoChange> => {
        const todo = await api.get(id).catch(() => undefined);
        return todo ? { seq: todo.seq, op: "upsert", todo } : { op: "delete", id, version: currentVersion + 1 };
      }),
    );
    try {
      apply(current);
    } catch {
      // the next read puts it right
    }
  }

  /**
   * A full read of the server's todos, replacing the collection's synced rows in one sync
   * transaction: truncate and the read's rows are committed together, so the list goes from the
   * old rows to the new ones without ever showing empty, and rows gone from the server go with it.
   */
  async function refetch(): Promise<void> {
    await ready;
    const floor = position.floor(options.knownSeq?.());
    const read = await retried<ListRead>((signal) => api.list(signal));
    const params = synced();
    if (!read || !params) return;
    try {
      gate.snapshot(read.todos);
      inOneTransaction(params, () => {
        params.truncate();
        for (const todo of read.todos) params.write({ type: "insert", value: todo });
        position.replaced(read.cursor, read.todos.map((todo) => todo.seq), floor);
        keepPlace(params, position.place);
      });
    } catch (error) {
      position.forget();
      throw error;
    } finally {
      watchGap();
    }
  }

  /**
   * Brings the list up to date: the changes after its cursor, page by page, or (without a cursor,
   * or when the server no longer has the changes after it) a full read. Each page is written by
   * version and moves the cursor on, so a read cut short resumes from where it got to.
   */
  async function catchUp(): Promise<void> {
    await ready;
    let cursor = position.cursor;
    if (cursor === undefined) return refetch();
    // What was heard before asking is covered once the feed is read through, so no frame heard
    // before it can keep a gap open after it (and ask for the feed again and again).
    const floor = position.floor();
    try {
      for (;;) {
        const from: string = cursor;
        const page: FeedPage | undefined = await retried((signal) => api.changes(from, signal));
        if (!page || !synced()) return;
        guarded(() =>
          write(page.changes, () => position.fed(page.cursor, page.changes.map((change) => change.seq), page.more ? 0 : floor)),
        );
        if (!page.more) return;
        cursor = page.cursor;
      }
    } catch (error) {
      if (!mustRefetch(error)) throw error;
      position.forget();
      return refetch();
    }
  }

  /**
   * A read tried again twice for what may pass (as TanStack Query would). Undefined once the list
   * has been let go: the read was cut off on purpose, and there is nothing to tell the person.
   */
  async function retried<T>(read: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
    for (let failures = 0; ; failures++) {
      if (reads.signal.aborted) return undefined;
      try {
        return await read(reads.signal);
      } catch (error) {
        if (reads.signal.aborted) return undefined;
        if (!retryRead(failures, error)) throw error;
        await new Promise<void>((resolve) => timers.setTimeout(resolve, Math.min(1_000 * 2 ** failures, 30_000)));
      }
    }
  }

  /**
   * Lets the list go: once the writes already sent have their answers (so each still rolls back
   * or confirms, with its notice), the collection stops and its rows are dropped from memory (a
   * persisted list keeps them for the next time it is opened). With `now`, it goes at once: the
   * list is gone, and no answer can be applied to it any more; its kept rows and place are
   * deleted too, so nothing of a list the person lost stays in the browser.
   */
  async function dispose(now = false): Promise<void> {
    if (!now && inFlight > 0) await new Promise<void>((resolve) => idle.push(resolve));
    reads.abort();
    watchGap();
    // The list's view is still on screen until React's next commit unmounts it; a collection
    // cleaned up under a live query puts that query into an error state (TanStack DB error 152)
    // in the middle of React's work, and the page was left with two lists' views. So the
    // collection goes once nothing reads it any more.
    await unsubscribed();
    if (now && options.persistence && sync) {
      const params = sync;
      try {
        const deleted = inOneTransaction(params, () => {
          params.truncate();
          params.metadata?.collection.delete(PLACE_KEY);
        });
        // Kept before the collection stops (cleanup would leave the commit unwritten), not for long.
        await Promise.race([deleted, new Promise((resolve) => timers.setTimeout(() => resolve(undefined), 1_000))]);
      } catch {
        // what cannot be deleted now is replaced by the next full read of the list, if any
      }
    }
    await collection.cleanup();
  }

  function unsubscribed(): Promise<void> {
    if (collection.subscriberCount === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const off = collection.on("subscribers:change", ({ subscriberCount }) => {
        if (subscriberCount > 0) return;
        off();
        resolve();
      });
    });
  }

  const writer = () => options.writer?.() ?? directWriter;
  /** The person's writes to the list, each sent by the page's writer (optimistic at once). */
  const writes = {
    insert(todo: Todo, metadata: WriteMetadata = {}): Written {
      return writer().write(store, () => collection.insert(todo, { metadata }), metadata);
    },
    update(ids: string | string[], metadata: WriteMetadata, change: (drafts: Todo[]) => void): Written {
      const keys = Array.isArray(ids) ? ids : [ids];
      const seen = metadata.seenVersion === undefined || keys.length !== 1 ? undefined : { [keys[0]!]: metadata.seenVersion };
      return writer().write(store, () => collection.update(keys, { metadata }, change), seen ? { ...metadata, seen } : metadata);
    },
    delete(ids: string | string[]): Written {
      return writer().write(store, () => collection.delete(ids), {});
    },
  };

  const store = {
    listId,
    collection,
    writes,
    /** Tells the person of a refused write (one another tab sent for this one). */
    tell(error: Error): void {
      options.onWriteError?.(error);
    },
    /** The outbox's registry key of this list's collection, stable across reloads. */
    collectionKey: todosCollectionId(listId),
    /** Resolves once the sync has started and the rows an earlier page kept are known. */
    ready,
    send,
    apply,
    applyFrame,
    heardListWrite,
    refetch,
    catchUp,
    dispose,
    /** The cursor the next {@link catchUp} reads the feed from (undefined: it reads the whole list). */
    get cursor(): string | undefined {
      return position.cursor;
    },
    /** Resolves once no write of the page's to this list is being sent. */
    idle(): Promise<void> {
      return inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => idle.push(resolve));
    },
  };
  return store;
}

export type TodoStore = ReturnType<typeof createTodoStore>;
export type TodoCollection = TodoStore["collection"];

/**
 * One sync transaction: committed when `work` has written it, abandoned (an aborted signal drops it
 * before core accepts it) when a write throws, so no half-written transaction is left open.
 */
function inOneTransaction(params: SyncParams, work: () => void): Promise<unknown> {
  params.begin();
  try {
    work();
  } catch (error) {
    void Promise.resolve(params.commit(AbortSignal.abort())).catch(() => undefined);
    throw error;
  }
  // Not awaited: persisted, the receipt resolves only once the rows are visible, and that waits for
  // any write of the page's own still being sent, whose handler may be what is applying this.
  // A commit the database refuses leaves the rows on screen and the kept place where it was, so
  // the next page resumes from before them and reads them again.
  const receipt = Promise.resolve(params.commit()).catch(() => undefined);
  return receipt;
}

/** Keeps the list's place beside its rows, in the sync transaction being written. */
function keepPlace(params: SyncParams, place: Place | undefined): void {
  if (place) params.metadata?.collection.set(PLACE_KEY, place);
  else params.metadata?.collection.delete(PLACE_KEY);
}

function samePlace(a: Place | undefined, b: Place | undefined): boolean {
  return a?.cursor === b?.cursor && a?.seq === b?.seq;
}

function idOf(change: TodoChange): string {
  return change.op === "upsert" ? change.todo.id : change.id;
}

/**
 * Versions this page's own writes moved todos from and to. An edit made on top of the page's own
 * unconfirmed edit carries the version the person saw before both; it is moved on to the version
 * the first edit produced, so a quick second edit is not taken for a conflict with oneself.
 */
class OwnWrites {
  private readonly moves = new Map<string, Map<number, number>>();

  record(id: string, from: number, to: number): void {
    let moves = this.moves.get(id);
    if (!moves) this.moves.set(id, (moves = new Map()));
    moves.set(from, to);
  }

  rebase(id: string, version: number): number {
    const moves = this.moves.get(id);
    let current = version;
    for (let next = moves?.get(current); next !== undefined && next > current; next = moves?.get(current)) {
      current = next;
    }
    return current;
  }
}

/** Runs writes that touch the same todos one after another, in the order they were made. */
class KeyLock {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    const before = keys.map((key) => this.tails.get(key) ?? Promise.resolve());
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    for (const key of keys) this.tails.set(key, done);
    try {
      await Promise.all(before);
      return await work();
    } finally {
      release();
      for (const key of keys) if (this.tails.get(key) === done) this.tails.delete(key);
    }
  }
}
