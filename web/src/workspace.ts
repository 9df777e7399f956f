import type { PersistedCollectionPersistence } from "@tanstack/browser-db-sqlite-persistence";
import { ApiError, LIST_GONE, type LivetodosApi } from "./api";
import { type Timers, type TodoStore, type TodoWriter, createTodoStore } from "./collection";
import { newTodoId } from "./ids";
import { type ListStore, createListStore } from "./lists";
import type { Notices } from "./notices";
import { TodoStores } from "./stores";
import { type Address, type Filter, listHash, parseHash } from "./route";
import type { LiveFrame, Me, Member, Role } from "./todo";

/** What the page shows: which list is open (its todos' store) and how it is filtered. */
export interface WorkspaceSnapshot {
  /** The person's lists have been read once (before that, the page says it is loading). */
  listsRead: boolean;
  listId: string | undefined;
  store: TodoStore | undefined;
  filter: Filter;
}

export interface WorkspaceOptions {
  api: LivetodosApi;
  notices: Notices;
  address: Address;
  /**
   * The person's database in this browser: the lists and each opened list's todos are kept there,
   * so a reload shows them at once (offline too). In memory only without it.
   */
  persistence?: PersistedCollectionPersistence;
  /** How the todos' writes are sent (the outbox, once it has started); at once by default. */
  writer?: () => TodoWriter | undefined;
  /** Told of each list's store as it is made (the outbox adds its collection to its registry). */
  onStore?: (store: TodoStore) => void;
  /** How long a frame after a missing change waits for it before the open list's feed is read. */
  gapWaitMs?: number;
  timers?: Timers;
}

/** What the workspace asks of the live connection: a read kept in order with live frames. */
export interface Resync {
  resync(read?: () => Promise<void>): Promise<void>;
}

function readable(error: unknown, fallback: string): string {
  return error instanceof ApiError ? error.message : fallback;
}

/**
 * The person's lists and the one open on screen.
 *
 * Each list's todos are their own TanStack DB collection, created when the list is opened and
 * cleaned up when the person moves to another list or loses the list, rather than one todos
 * collection with a live query per list:
 * - todo ids are unique only within a list (`LIST#<listId>` / `TODO#<todoId>`), so one collection
 *   would need made-up composite keys; per list, the wire's id is the key, as in v1;
 * - the {@link VersionGate}, the page's own-writes record and the per-todo write order stay what
 *   they were, per list, with no list id threaded through them;
 * - `list removed` drops the whole list at once: one collection cleaned up, no per-row deletes and
 *   no rows of it left behind in a shared collection;
 * - memory holds only the open list; frames for lists that are not open are dropped, since a list
 *   is read in full when it is opened (a shared collection would hold partial copies of lists it
 *   never read, which a later full read would have to reconcile);
 * - each list has its own place in its own change feed (`seq`, cursor): one collection, one cursor,
 *   which the persistence of issue 13 keeps in the same commit as that list's rows.
 */
export class ListWorkspace {
  readonly lists: ListStore;
  /** The lists' stores: the open list's, and any the outbox holds for writes still to send. */
  readonly stores: TodoStores;
  private readonly listeners = new Set<() => void>();
  private snapshot: WorkspaceSnapshot = { listsRead: false, listId: undefined, store: undefined, filter: "all" };
  private live: Resync | undefined;
  private me: Promise<Me> | undefined;
  private readonly invitesAccepted = new Set<string>();
  /** A read of the open list after a v1 frame is under way / is wanted once more after it. */
  private rereading = false;
  private rereadAgain = false;
  private readonly unsubscribeAddress: () => void;

  constructor(private readonly options: WorkspaceOptions) {
    this.lists = createListStore({
      api: options.api,
      onWriteError: (error) => options.notices.show(readable(error, "Something went wrong. Your change was not saved.")),
      // A rename of the open list takes a place in its sequence that no todo frame fills.
      onRenamed: (list) => {
        const { store } = this.snapshot;
        if (store?.listId === list.id) store.heardListWrite(list.seq);
      },
      persistence: options.persistence,
    });
    this.stores = new TodoStores((listId) => this.createStore(listId));
    this.unsubscribeAddress = options.address.subscribe(() => void this.follow());
    // Lists an earlier page kept are the person's lists until the server's read: the page opens
    // one at once, offline too, rather than saying it is loading.
    void this.lists.restored.then((kept) => {
      if (!kept || this.snapshot.listsRead) return;
      this.set({ listsRead: true });
      // A list named in the address stays open: the server's read says whether it is still theirs.
      if (this.snapshot.listId === undefined) this.openFirst();
    });
  }

  /** For React's useSyncExternalStore. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): WorkspaceSnapshot => this.snapshot;

  /**
   * Takes the address the page was opened at: an invite is accepted (once) and its list opened,
   * with the token taken out of the address; a list named in it is opened.
   */
  async start(live: Resync): Promise<void> {
    this.live = live;
    await this.follow();
  }

  stop(): void {
    this.unsubscribeAddress();
  }

  /**
   * The live connection's read on every (re)connect: the person's lists, then the open list,
   * caught up from its cursor (read in full when it has none).
   */
  refetch = async (): Promise<void> => {
    await this.lists.refetch();
    if (!this.snapshot.listsRead) this.set({ listsRead: true });
    const { listId } = this.snapshot;
    if (listId !== undefined && !this.lists.collection.has(listId)) {
      this.gone(listId);
      return;
    }
    if (listId === undefined) {
      this.openFirst();
      return;
    }
    await this.read(this.snapshot.store!);
  };

  /** A live frame: todo changes go to their list's collection if it is open, list frames to the lists. */
  apply = async (frame: LiveFrame): Promise<void> => {
    if (frame.type === "unscoped") {
      // Not awaited: the read is kept in order with the frames after this one, which wait for it.
      this.readOpenAgain();
      return;
    }
    if (frame.type === "changes") {
      const { store } = this.snapshot;
      // A list that is not open is read in full when it is opened; its frames are not needed.
      if (store && store.listId === frame.listId) store.applyFrame(frame.changes, frame.cursor);
      return;
    }
    if (frame.op === "upsert") {
      await this.lists.apply([{ op: "upsert", list: frame.list }]);
      if (this.snapshot.listId === undefined && this.snapshot.listsRead) this.open(frame.list.id);
      return;
    }
    await this.lists.apply([{ op: "removed", listId: frame.listId }]);
    if (this.snapshot.listId === frame.listId) this.gone(frame.listId);
  };

  /** The person's role in the open list (undefined while the lists are being read). */
  roleOf(listId: string | undefined): Role | undefined {
    return listId === undefined ? undefined : this.lists.collection.get(listId)?.role;
  }

  /** Creates a list (the person is its owner) and opens it once the server has it. */
  async createList(name: string): Promise<boolean> {
    const id = newTodoId();
    const transaction = this.lists.collection.insert({ id, name, role: "owner", version: 0, seq: 0 });
    try {
      await transaction.isPersisted.promise;
    } catch {
      return false; // the lists store told the person
    }
    this.options.address.replace(listHash(id));
    return true;
  }

  /** Resolves with whether the server took the new name. */
  async renameList(listId: string, name: string): Promise<boolean> {
    const transaction = this.lists.collection.update(listId, (draft) => void (draft.name = name));
    return transaction.isPersisted.promise.then(() => true, () => false);
  }

  /** Deletes the list for every member; the page moves to another list at once. */
  deleteList(listId: string): Promise<boolean> {
    return this.drop(listId, () => this.lists.collection.delete(listId));
  }

  /** The person stops being a member of a list they do not own. */
  async leaveList(listId: string): Promise<boolean> {
    let me: Me;
    try {
      me = await this.whoAmI();
    } catch (error) {
      this.options.notices.show(readable(error, "Something went wrong. You are still a member."));
      return false;
    }
    return this.drop(listId, () => this.lists.collection.delete(listId, { metadata: { leave: { userId: me.id } } }));
  }

  members(listId: string): Promise<Member[]> {
    return this.options.api.members(listId);
  }

  removeMember(listId: string, userId: string): Promise<void> {
    return this.options.api.removeMember(listId, userId);
  }

  createInvite(listId: string, role: "editor" | "viewer") {
    return this.options.api.createInvite(listId, role);
  }

  whoAmI(): Promise<Me> {
    this.me ??= this.options.api.me().catch((error: unknown) => {
      this.me = undefined;
      throw error;
    });
    return this.me;
  }

  /** Follows the address: an invite, a list, or the open list with a filter. */
  private async follow(): Promise<void> {
    const route = parseHash(this.options.address.hash());
    if (route.kind === "invite") {
      await this.acceptInvite(route.token);
      return;
    }
    if (route.filter !== this.snapshot.filter) this.set({ filter: route.filter });
    if (route.listId === undefined) {
      // `#/active` and the like: the open list, and the address says which it is.
      if (this.snapshot.listId !== undefined) this.options.address.replace(listHash(this.snapshot.listId, route.filter));
      return;
    }
    if (route.listId === this.snapshot.listId) return;
    if (this.snapshot.listsRead && !this.lists.collection.has(route.listId)) {
      this.options.notices.show(LIST_GONE);
      this.openFirst();
      return;
    }
    this.open(route.listId);
  }

  private async acceptInvite(token: string): Promise<void> {
    if (this.invitesAccepted.has(token)) return;
    this.invitesAccepted.add(token);
    try {
      const list = await this.options.api.acceptInvite(token);
      await this.lists.apply([{ op: "upsert", list }]);
      this.options.address.replace(listHash(list.id));
    } catch (error) {
      this.options.notices.show(readable(error, "Could not join the list. Try the link again."));
      const open = this.snapshot.listId;
      this.options.address.replace(open === undefined ? "#/" : listHash(open, this.snapshot.filter));
    }
  }

  /** Opens a list: its own collection, read in order with the live frames. */
  private createStore(listId: string): TodoStore {
    const store = createTodoStore({
      listId,
      api: this.options.api.todos(listId),
      onWriteError: (error) => this.options.notices.show(readable(error, "Something went wrong. Your change was not saved.")),
      onStale: () => void this.live?.resync(() => this.read(store)),
      // A gap in the frames that did not close: the feed read is kept in order with the frames too.
      onBehind: () => void this.live?.resync(() => this.read(store)),
      knownSeq: () => this.lists.collection.get(listId)?.seq,
      persistence: this.options.persistence,
      gapWaitMs: this.options.gapWaitMs,
      timers: this.options.timers,
      writer: () => this.options.writer?.(),
    });
    this.options.onStore?.(store);
    return store;
  }

  /** Opens a list: its own collection, read in order with the live frames. */
  private open(listId: string): void {
    const previous = this.snapshot.store;
    const store = this.stores.acquire(listId);
    this.set({ listId, store });
    this.options.address.replace(listHash(listId, this.snapshot.filter));
    // The writes still under way in the list left get their answers before it is cleaned up.
    if (previous) this.stores.release(previous.listId);
    // Before the first full read, that read reads this list too.
    if (this.snapshot.listsRead) void this.live?.resync(() => this.read(store));
  }

  /**
   * A v1 frame said something changed in some list: the open list is read again, in order with
   * the live frames. A burst of such frames costs one read under way and at most one after it.
   */
  private readOpenAgain(): void {
    if (this.rereading) {
      this.rereadAgain = true;
      return;
    }
    this.rereading = true;
    void (async () => {
      try {
        do {
          this.rereadAgain = false;
          const { store } = this.snapshot;
          if (store) await this.live?.resync(() => this.read(store));
        } while (this.rereadAgain);
      } finally {
        this.rereading = false;
      }
    })();
  }

  /**
   * Brings a list's todos up to date: the changes since its cursor, or the whole list when it has
   * none (just opened, a server without the feed) or the server no longer has them. A 404 means the
   * list is gone for this person.
   */
  private async read(store: TodoStore): Promise<void> {
    if (this.snapshot.store !== store) return; // the person moved on
    try {
      await store.catchUp();
    } catch (error) {
      if (error instanceof ApiError && error.listGone) {
        await this.lists.apply([{ op: "removed", listId: store.listId }]);
        this.gone(store.listId);
        return;
      }
      throw error;
    }
  }

  /** The open list went away (deleted, or the person removed): say so and open another. */
  private gone(listId: string): void {
    if (this.snapshot.listId !== listId) return;
    this.options.notices.show(LIST_GONE);
    this.close(true);
    this.openFirst();
  }

  private close(now: boolean): void {
    const { store } = this.snapshot;
    this.set({ listId: undefined, store: undefined });
    if (store) this.stores.release(store.listId, now);
  }

  private openFirst(): void {
    const first = this.lists.order().find((id) => this.lists.collection.has(id));
    if (first === undefined) {
      this.options.address.replace("#/");
      return;
    }
    this.open(first);
  }

  /** A list the person deletes or leaves: the page moves on at once, and back if it was refused. */
  private async drop(listId: string, write: () => { isPersisted: { promise: Promise<unknown> } }): Promise<boolean> {
    const transaction = write();
    if (this.snapshot.listId === listId) {
      this.close(false);
      this.openFirst();
    }
    return transaction.isPersisted.promise.then(() => true, () => false);
  }

  private set(changes: Partial<WorkspaceSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...changes };
    this.listeners.forEach((listener) => listener());
  }
}
