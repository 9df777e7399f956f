import { describe, expect, it, vi } from "vitest";
import { TodoApi } from "./api";
import { PLACE_KEY, type TodoStore, createTodoStore, todosCollectionId } from "./collection";
import { FakeTodoServer } from "./testing/fakeTodoServer";
import { MemoryPersistence } from "./testing/memoryPersistence";
import type { Todo } from "./todo";

const API = "http://livetodos.test/api/lists/l1/todos";
const ID = todosCollectionId("l1");

/** One page's store of list l1 on the browser's database `db` (a second call is the page reloaded). */
function givenPage(server: FakeTodoServer, db: MemoryPersistence) {
  const store = createTodoStore({ listId: "l1", api: new TodoApi(API, server.fetch), persistence: db.persistence() });
  return { store, rows: () => byId(store.collection.values()) };
}

function byId(todos: Iterable<Todo>): Record<string, string> {
  return Object.fromEntries([...todos].map((todo) => [todo.id, `${todo.name}@${todo.version}`]));
}

/** Waits until the database has taken every commit made so far (they are not awaited by the store). */
async function settled(db: MemoryPersistence, store: TodoStore, commits: number): Promise<void> {
  await vi.waitFor(() => expect(db.committed.filter((c) => c.collectionId === store.collection.id).length).toBeGreaterThanOrEqual(commits));
}

describe("a list's todos kept in the browser's database", () => {
  it("givenAFullRead_thenItsRowsAndItsCursorAreKeptInOneCommit", async () => {
    const server = new FakeTodoServer();
    server.put("Buy milk", "a");
    server.put("Call mum", "b");
    const db = new MemoryPersistence();
    const { store } = givenPage(server, db);

    await store.refetch();
    await settled(db, store, 1);

    const [commit] = db.committed;
    expect(commit?.collectionId).toBe(ID);
    expect(commit?.tx.truncate).toBe(true);
    expect(commit?.tx.mutations.map((m) => m.key).sort()).toEqual(["a", "b"]);
    expect(commit?.tx.collectionMetadataMutations).toEqual([{ type: "set", key: PLACE_KEY, value: { cursor: server.cursorAt(2), seq: 2 } }]);
  });

  it("givenAReload_thenTheKeptListShowsAtOnceAndCatchesUpFromItsCursorWithAFeedRead", async () => {
    const server = new FakeTodoServer();
    server.put("Buy milk", "a");
    server.put("Call mum", "b");
    const db = new MemoryPersistence();
    const first = givenPage(server, db);
    await first.store.refetch();
    await settled(db, first.store, 1);
    await first.store.dispose();
    server.put("Buy oat milk", "a");
    server.put("Water plants", "c");
    server.served.length = 0;

    const reloaded = givenPage(server, db);
    await reloaded.store.collection.toArrayWhenReady();

    expect(reloaded.store.collection.status).toBe("ready"); // no "Loading your todos…"
    expect(reloaded.rows()).toEqual({ a: "Buy milk@1", b: "Call mum@1" });
    expect(server.served).toEqual([]);

    await reloaded.store.catchUp();

    expect(server.served).toEqual([{ read: "changes", items: 2, more: false }]);
    expect(reloaded.rows()).toEqual({ a: "Buy oat milk@2", b: "Call mum@1", c: "Water plants@1" });
    expect(reloaded.store.cursor).toBe(server.cursorAt(4));
    await vi.waitFor(() => expect(db.metadata(ID, PLACE_KEY)).toEqual({ cursor: server.cursorAt(4), seq: 4 }));
  });

  it("givenADeleteInTheFeedAfterAReload_thenTheKeptRowGoes", async () => {
    const server = new FakeTodoServer();
    server.put("Buy milk", "a");
    server.put("Call mum", "b");
    const db = new MemoryPersistence();
    const first = givenPage(server, db);
    await first.store.refetch();
    await settled(db, first.store, 1);
    await first.store.dispose();
    server.remove("a");

    const reloaded = givenPage(server, db);
    await reloaded.store.catchUp();

    expect(reloaded.rows()).toEqual({ b: "Call mum@1" });
    await vi.waitFor(() => expect(db.rows(ID).map((row) => row.id)).toEqual(["b"]));
  });

  it("givenALateCopyOfAnOlderVersionAfterAReload_thenTheKeptNewerRowStays", async () => {
    const server = new FakeTodoServer();
    const old = server.put("Buy milk", "a");
    server.put("Buy oat milk", "a");
    const db = new MemoryPersistence();
    const first = givenPage(server, db);
    await first.store.refetch();
    await settled(db, first.store, 1);
    await first.store.dispose();

    const reloaded = givenPage(server, db);
    await reloaded.store.collection.toArrayWhenReady();
    reloaded.store.applyFrame([server.change(old)]);

    expect(reloaded.rows()).toEqual({ a: "Buy oat milk@2" });
  });

  it("givenAFrameThatFollowsOn_thenItsRowAndTheNewCursorAreKeptInOneCommit", async () => {
    const server = new FakeTodoServer();
    server.put("Buy milk", "a");
    const db = new MemoryPersistence();
    const { store } = givenPage(server, db);
    await store.refetch();
    await settled(db, store, 1);

    const next = server.put("Call mum", "b");
    store.applyFrame([server.change(next)], server.cursorAt(2));
    await settled(db, store, 2);

    const commit = db.committed.at(-1)!;
    expect(commit.tx.mutations.map((m) => [m.type, m.key])).toEqual([["update", "b"]]);
    expect(commit.tx.collectionMetadataMutations).toEqual([{ type: "set", key: PLACE_KEY, value: { cursor: server.cursorAt(2), seq: 2 } }]);
  });

  it("givenAFrameAfterAMissingChange_thenItsRowIsKeptButTheCursorStaysWhereTheRowsAreWhole", async () => {
    const server = new FakeTodoServer();
    server.put("Buy milk", "a");
    const db = new MemoryPersistence();
    const { store } = givenPage(server, db);
    await store.refetch();
    await settled(db, store, 1);

    server.put("Missed", "b");
    const after = server.put("Call mum", "c");
    store.applyFrame([server.change(after)], server.cursorAt(3));
    await settled(db, store, 2);

    expect(db.committed.at(-1)!.tx.collectionMetadataMutations).toEqual([]);
    expect(db.metadata(ID, PLACE_KEY)).toEqual({ cursor: server.cursorAt(1), seq: 1 });
    await store.dispose(); // clears the gap's timer
  });

  it("givenAFrameBeforeTheKeptRowsAreKnown_thenItIsAppliedAfterThemNotLost", async () => {
    const server = new FakeTodoServer();
    server.put("Buy milk", "a");
    const db = new MemoryPersistence();
    const first = givenPage(server, db);
    await first.store.refetch();
    await settled(db, first.store, 1);
    await first.store.dispose();

    const reloaded = givenPage(server, db);
    const next = server.put("Buy oat milk", "a");
    reloaded.store.applyFrame([server.change(next)], server.cursorAt(2)); // the database has not answered yet

    await reloaded.store.collection.toArrayWhenReady();
    await vi.waitFor(() => expect(reloaded.rows()).toEqual({ a: "Buy oat milk@2" }));
    expect(reloaded.store.cursor).toBe(server.cursorAt(2));
  });

  it("givenAListThatIsGone_thenItsKeptRowsAndCursorAreDeleted", async () => {
    const server = new FakeTodoServer();
    server.put("Buy milk", "a");
    const db = new MemoryPersistence();
    const { store } = givenPage(server, db);
    await store.refetch();
    await settled(db, store, 1);

    await store.dispose(true);

    expect(db.rows(ID)).toEqual([]);
    expect(db.metadata(ID, PLACE_KEY)).toBeUndefined();
  });

  it("givenAListNeverReadBefore_thenItIsLoadingUntilItsFirstFullRead", async () => {
    const server = new FakeTodoServer();
    server.put("Buy milk", "a");
    const db = new MemoryPersistence();
    const { store, rows } = givenPage(server, db);

    expect(store.collection.status).toBe("loading");
    await store.catchUp();

    expect(server.served).toEqual([{ read: "list", items: 1 }]);
    expect(rows()).toEqual({ a: "Buy milk@1" });
    expect(store.collection.status).toBe("ready");
  });
});
