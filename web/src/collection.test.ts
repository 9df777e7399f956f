import { describe, expect, it, vi } from "vitest";
import { TodoApi } from "./api";
import { type TodoStore, createTodoStore } from "./collection";
import { FakeTodoServer, json, problem } from "./testing/fakeTodoServer";
import { ManualTimers } from "./testing/manualTimers";
import type { Todo } from "./todo";

const API = "http://livetodos.test/api/lists/l1/todos";

async function givenStore(server = new FakeTodoServer()) {
  const errors: Error[] = [];
  const onStale = vi.fn();
  const store = createTodoStore({
    listId: "l1",
    api: new TodoApi(API, server.fetch),
    onWriteError: (error) => errors.push(error),
    onStale,
  });
  await store.refetch();
  return { server, store, errors, onStale, rows: () => [...store.collection.values()] as Todo[] };
}

/** Sync transactions begun and neither committed nor dropped (TanStack DB's own state, read for this check only). */
function openSyncTransactions(store: TodoStore): number {
  return store.collection._state.pendingSyncedTransactions.filter((transaction) => !transaction.committed).length;
}

const newTodo = (id: string, name: string): Todo => ({
  id,
  name,
  status: "pending",
  version: 0,
  createdAt: new Date().toISOString(),
  updatedAt: new Date().toISOString(),
});

describe("the todos collection", () => {
  it("loadsWhatTheServerHolds", async () => {
    const server = new FakeTodoServer();
    server.put("Buy milk", "a");

    const { rows } = await givenStore(server);

    expect(rows().map((t) => [t.id, t.name, t.version])).toEqual([["a", "Buy milk", 1]]);
  });

  it("isLoadingUntilItsFirstReadAndThenReadyEvenForAnEmptyList", async () => {
    const store = createTodoStore({ listId: "l1", api: new TodoApi(API, new FakeTodoServer().fetch) });
    expect(store.collection.status).toBe("loading"); // the view says "Loading your todos…"

    await store.refetch();

    expect(store.collection.status).toBe("ready"); // and then "Nothing to do yet"
    expect(store.collection.size).toBe(0);
  });

  it("givenAnInsert_thenTheServersAnswerReplacesTheOptimisticRowUnderTheSameKey", async () => {
    const { store, server } = await givenStore();

    const transaction = store.collection.insert(newTodo("n1", "Water plants"));
    expect(store.collection.get("n1")?.version).toBe(0);
    await transaction.isPersisted.promise;

    expect(server.requests.at(-1)).toEqual({ method: "POST", body: { id: "n1", name: "Water plants", status: "pending" } });
    expect(store.collection.get("n1")).toMatchObject({ id: "n1", version: 1 });
    expect(store.collection.get("n1")?.$hasPendingWrites).toBe(false);
  });

  it("givenARefusedInsert_thenTheRowIsRolledBackAndThePersonIsTold", async () => {
    const { store, server, errors } = await givenStore();
    server.intercept(() => problem(400, { errors: [{ field: "name", message: "name must not be blank" }] }));

    const transaction = store.collection.insert(newTodo("n1", "x"));
    await expect(transaction.isPersisted.promise).rejects.toThrow();

    expect(store.collection.has("n1")).toBe(false);
    expect(errors.map((e) => e.message)).toEqual(["name must not be blank"]);
  });

  it("givenAStaleRename_thenItIsRolledBackAndTheWinningVersionIsShown", async () => {
    const server = new FakeTodoServer();
    server.put("Draft", "a");
    const { store, errors } = await givenStore(server);
    server.put("Their name", "a"); // someone else renamed it; this page has not heard yet

    const transaction = store.collection.update("a", (draft) => void (draft.name = "My name"));
    await expect(transaction.isPersisted.promise).rejects.toThrow();

    expect(server.requests.at(-2)).toEqual({ method: "PUT", body: [{ id: "a", changes: { name: "My name" }, version: 1 }] });
    expect(store.collection.get("a")).toMatchObject({ name: "Their name", version: 2 });
    expect(errors[0]?.message).toMatch(/someone else changed/i);
  });

  it("givenARenameStartedBeforeALiveRename_thenItCarriesTheVersionItWasStartedOnAndIsRefused", async () => {
    const server = new FakeTodoServer();
    server.put("Draft", "a");
    const { store } = await givenStore(server);
    // The edit opens at version 1; meanwhile someone else's rename arrives live (version 2).
    await store.apply([{ op: "upsert", todo: server.put("Their name", "a") }]);

    const transaction = store.collection.update("a", { metadata: { seenVersion: 1 } }, (draft) => void (draft.name = "My name"));
    await expect(transaction.isPersisted.promise).rejects.toThrow();

    expect(server.requests.find((r) => r.method === "PUT")).toEqual({
      method: "PUT",
      body: [{ id: "a", changes: { name: "My name" }, version: 1 }],
    });
    expect(store.collection.get("a")).toMatchObject({ name: "Their name", version: 2 });
  });

  it("givenAToggle_thenItIsSentWithoutAVersionSoTheLastClickWins", async () => {
    const server = new FakeTodoServer();
    server.put("Laundry", "a");
    const { store } = await givenStore(server);
    server.put("Laundry", "a"); // moved on meanwhile

    await store.collection.update("a", (draft) => void (draft.status = "completed")).isPersisted.promise;

    expect(server.requests.at(-1)).toEqual({ method: "PUT", body: [{ id: "a", changes: { status: "completed" } }] });
    expect(store.collection.get("a")).toMatchObject({ status: "completed", version: 3 });
  });

  it("givenARenameRightAfterOwnUnconfirmedToggle_thenItIsNotTakenForAConflict", async () => {
    const server = new FakeTodoServer();
    server.put("Laundry", "a");
    const { store, errors } = await givenStore(server);

    const toggle = store.collection.update("a", (draft) => void (draft.status = "completed"));
    const rename = store.collection.update("a", (draft) => void (draft.name = "Laundry, folded"));
    await Promise.all([toggle.isPersisted.promise, rename.isPersisted.promise]);

    expect(errors).toEqual([]);
    expect(server.requests.at(-1)?.body).toEqual([{ id: "a", changes: { name: "Laundry, folded" }, version: 2 }]);
    expect(store.collection.get("a")).toMatchObject({ name: "Laundry, folded", status: "completed", version: 3 });
  });

  it("givenAnEditOfARowStillBeingCreated_thenItWaitsForTheCreate", async () => {
    const { store, server, errors } = await givenStore();

    const insert = store.collection.insert(newTodo("n1", "Tpyo"));
    const rename = store.collection.update("n1", (draft) => void (draft.name = "Typo"));
    await Promise.all([insert.isPersisted.promise, rename.isPersisted.promise]);

    expect(errors).toEqual([]);
    expect(server.requests.map((r) => r.method)).toEqual(["GET", "POST", "PUT"]);
    expect(store.collection.get("n1")).toMatchObject({ name: "Typo", version: 2 });
  });

  it("givenAnUpdateOfATodoDeletedElsewhere_thenItIsRolledBackAndAFreshReadIsAskedFor", async () => {
    const server = new FakeTodoServer();
    server.put("Gone soon", "a");
    const { store, errors, onStale } = await givenStore(server);
    server.todos.delete("a");

    const transaction = store.collection.update("a", (draft) => void (draft.status = "completed"));
    await expect(transaction.isPersisted.promise).rejects.toThrow();

    expect(store.collection.get("a")?.status).toBe("pending");
    expect(onStale).toHaveBeenCalled();
    expect(errors[0]?.message).toMatch(/deleted/i);
  });

  it("givenADelete_thenTheRowStaysGoneAndTheLiveCopyOfTheDeleteIsHarmless", async () => {
    const server = new FakeTodoServer();
    server.put("Old", "a");
    const { store, errors } = await givenStore(server);

    await store.collection.delete("a").isPersisted.promise;
    await store.apply([{ op: "delete", id: "a", version: 2 }]);

    expect(store.collection.has("a")).toBe(false);
    expect(errors).toEqual([]);
  });

  it("givenARefusedDelete_thenTheRowComesBack", async () => {
    const server = new FakeTodoServer();
    server.put("Keep", "a");
    const { store, errors } = await givenStore(server);
    server.intercept(() => problem(503, {}));

    await expect(store.collection.delete("a").isPersisted.promise).rejects.toThrow();

    expect(store.collection.get("a")?.name).toBe("Keep");
    expect(errors[0]?.message).toMatch(/try again/i);
  });

  it("appliesLiveChangesByVersionAndIgnoresUnknownDeletes", async () => {
    const server = new FakeTodoServer();
    server.put("One", "a");
    const { store } = await givenStore(server);
    const at = (version: number, name: string): Todo => ({ ...store.collection.get("a")!, version, name });

    await store.apply([
      { op: "upsert", todo: at(3, "Three") },
      { op: "upsert", todo: at(2, "Two") },
      { op: "delete", id: "never-seen", version: 9 },
    ]);
    await store.apply([{ op: "upsert", todo: at(2, "Two again") }]);

    expect(store.collection.get("a")).toMatchObject({ name: "Three", version: 3 });
    expect(store.collection.has("never-seen")).toBe(false);
  });

  it("givenALiveChangeForAnEditedRow_thenTheOptimisticEditStaysOnTop", async () => {
    const server = new FakeTodoServer();
    server.put("Mine", "a");
    const { store } = await givenStore(server);
    let answer!: () => void;
    server.intercept((request) =>
      request.method === "PUT" ? new Promise<undefined>((resolve) => (answer = () => resolve(undefined))) : undefined,
    );

    const transaction = store.collection.update("a", (draft) => void (draft.status = "completed"));
    await vi.waitFor(() => expect(answer).toBeTypeOf("function"));
    const theirs = server.put("Theirs", "a");
    void store.apply([{ op: "upsert", todo: theirs }]);

    expect(store.collection.get("a")).toMatchObject({ status: "completed" });
    answer();
    await transaction.isPersisted.promise;
    expect(store.collection.get("a")).toMatchObject({ name: "Theirs", status: "completed", version: 3 });
  });

  it("givenTheListsViewStillReadingIt_thenDisposeWaitsUntilItLetsGo", async () => {
    const { store } = await givenStore();
    const subscription = store.collection.subscribeChanges(() => undefined); // the view not yet unmounted
    let disposed = false;

    const disposing = store.dispose(true).then(() => void (disposed = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(disposed).toBe(false);
    expect(store.collection.status).not.toBe("cleaned-up");
    subscription.unsubscribe();
    await disposing;

    expect(store.collection.status).toBe("cleaned-up");
  });
});

describe("the list's change feed", () => {
  /** A store read once, with the gap wait on timers the test moves on; a gap reads the feed. */
  async function givenFeedStore(server = new FakeTodoServer()) {
    const timers = new ManualTimers();
    const behind = vi.fn();
    const store = createTodoStore({ listId: "l1", api: new TodoApi(API, server.fetch), timers, onBehind: behind });
    await store.refetch();
    server.served.length = 0;
    const byId = () =>
      Object.fromEntries(([...store.collection.values()] as Todo[]).map((todo) => [todo.id, `${todo.name}@${todo.version}`]));
    const onServer = () => Object.fromEntries([...server.todos.values()].map((todo) => [todo.id, `${todo.name}@${todo.version}`]));
    return { server, store, timers, behind, byId, onServer };
  }

  it("givenAThousandTodosAndAFewChangesSince_thenCatchingUpReadsOnlyThoseChanges", async () => {
    const server = new FakeTodoServer({ pageSize: 10 });
    for (let i = 0; i < 1_000; i++) server.put(`Todo ${i}`, `t${i}`);
    const { store, byId, onServer } = await givenFeedStore(server);
    for (let i = 0; i < 12; i++) server.put(`New ${i}`, `n${i}`); // 12 creates
    for (let i = 0; i < 5; i++) server.put(`Renamed ${i}`, `t${i}`); // 5 updates
    server.put("Renamed twice", "t0"); // superseding one of them
    for (let i = 10; i < 13; i++) server.remove(`t${i}`); // 3 deletes

    await store.catchUp();

    // 20 todos changed: two pages of ten and an empty last one, and no full read
    expect(server.served).toEqual([
      { read: "changes", items: 10, more: true },
      { read: "changes", items: 10, more: false },
    ]);
    expect(byId()).toEqual(onServer());
    expect(store.collection.size).toBe(1_009);
    expect(store.cursor).toBe(server.cursorAt());
  });

  it("givenACursorTooOld_thenTheListIsReplacedFromAFullReadAndNeverShowsEmptyOnTheWay", async () => {
    const { server, store, byId, onServer } = await givenFeedStore();
    server.put("Milk", "a");
    server.put("Bread", "b");
    server.put("Eggs", "c");
    await store.catchUp();
    expect(byId()).toEqual({ a: "Milk@1", b: "Bread@1", c: "Eggs@1" });
    // Then the page slept past the retention: meanwhile a todo went, one changed, one came.
    server.remove("a");
    server.put("Brown bread", "b");
    server.put("Butter", "d");
    server.expireCursors();
    let release!: () => void;
    const held = new Promise<undefined>((resolve) => (release = () => resolve(undefined)));
    server.intercept((request) => (request.method === "GET" && request.url.endsWith("/todos") ? held : undefined));
    server.served.length = 0;
    const sizes: number[] = [];
    const subscription = store.collection.subscribeChanges(() => sizes.push(store.collection.size));
    const gets = () => server.requests.filter((r) => r.method === "GET").length;
    const before = gets();

    const catchingUp = store.catchUp();
    await vi.waitFor(() => expect(gets() - before).toBe(2)); // the feed (409), then the full read
    // The 409 came back and the full read is under way: the list still shows what it had.
    expect(byId()).toEqual({ a: "Milk@1", b: "Bread@1", c: "Eggs@1" });
    release();
    await catchingUp;
    subscription.unsubscribe();

    expect(byId()).toEqual(onServer());
    expect(sizes).toEqual([3]); // one change to the view, straight from the old rows to the new
    expect(server.served.map((served) => served.read)).toEqual(["list"]); // the feed answered only 409
    expect(store.cursor).toBe(server.cursorAt());
  });

  it("givenAMalformedCursor_thenItIsTreatedLikeOneTooOld", async () => {
    const { server, store, byId, onServer } = await givenFeedStore();
    server.put("Milk", "a");
    server.intercept((request) =>
      request.url.includes("/changes") ? problem(400, { type: "/problems/invalid-request", title: "Invalid request" }) : undefined,
    );

    await store.catchUp();

    expect(byId()).toEqual(onServer());
    expect(server.served.map((served) => served.read)).toEqual(["list"]);
  });

  it("givenAFrameAfterAMissingChange_thenItIsAppliedAtOnceAndTheFeedIsReadOnlyIfTheMissingOneDoesNotComeInTime", async () => {
    const { server, store, timers, behind, byId } = await givenFeedStore();
    const read = store.cursor;
    server.put("Lost in transit", "a"); // seq 1: its frame never arrives
    const b = server.put("Arrived", "b"); // seq 2

    store.applyFrame([server.change(b)], server.cursorAt(2));

    expect(byId()).toEqual({ b: "Arrived@1" }); // applied by version, at once
    expect(store.cursor).toBe(read); // but the page does not hold everything up to 2
    timers.advance(1_499);
    expect(behind).not.toHaveBeenCalled();
    timers.advance(1);
    expect(behind).toHaveBeenCalledTimes(1);

    await store.catchUp();
    expect(byId()).toEqual({ a: "Lost in transit@1", b: "Arrived@1" });
    expect(server.served).toEqual([{ read: "changes", items: 2, more: false }]);
    expect(store.cursor).toBe(server.cursorAt(2));
    expect(timers.pending).toBe(0);
  });

  it("givenTheMissingChangeArrivesWithinTheWait_thenNoFeedIsRead", async () => {
    const { server, store, timers, behind } = await givenFeedStore();
    const a = server.put("First", "a");
    const b = server.put("Second", "b");

    store.applyFrame([server.change(b)], server.cursorAt(2)); // out of order (another shard, say)
    timers.advance(1_000);
    store.applyFrame([server.change(a)], server.cursorAt(1));
    timers.advance(5_000);

    expect(behind).not.toHaveBeenCalled();
    expect(store.cursor).toBe(server.cursorAt(2));
    expect(server.served).toEqual([]);
  });

  it("appliesFramesByVersionWhateverTheirSeq_aLateCopyNeverUndoesANewerVersion", async () => {
    const { server, store, byId } = await givenFeedStore();
    const first = server.put("First", "a");
    const second = server.put("Second", "a");

    store.applyFrame([server.change(second)], server.cursorAt(2));
    store.applyFrame([server.change(first)], server.cursorAt(1));

    expect(byId()).toEqual({ a: "Second@2" });
    expect(store.cursor).toBe(server.cursorAt(2));
  });

  it("givenTheNewDeleteAnswer_thenItsSeqCountsAsHeld", async () => {
    const { server, store, timers, behind, byId } = await givenFeedStore();
    store.applyFrame([server.change(server.put("Old", "a"))], server.cursorAt(1));

    await store.collection.delete("a").isPersisted.promise; // seq 2, answered {"deleted":["a"],"seq":2}
    store.applyFrame([server.change(server.put("New", "b"))], server.cursorAt(3));
    timers.advance(5_000);

    expect(byId()).toEqual({ b: "New@1" });
    expect(store.cursor).toBe(server.cursorAt(3)); // the frame of the delete has not come, nothing is missing
    expect(behind).not.toHaveBeenCalled();
  });

  it("givenAServerWithoutTheFeed_thenDeletesAndFramesWorkAsBeforeAndEveryCatchUpIsAFullRead", async () => {
    const server = new FakeTodoServer({ feed: false });
    server.put("Old", "a");
    const { store, byId, timers, behind, onServer } = await givenFeedStore(server);

    await store.collection.delete("a").isPersisted.promise; // answered {"deleted":["a"]}
    store.applyFrame([{ op: "upsert", todo: server.put("New", "b") }]);
    timers.advance(5_000);
    await store.catchUp();
    await store.catchUp();

    expect(byId()).toEqual(onServer());
    expect(store.cursor).toBeUndefined();
    expect(behind).not.toHaveBeenCalled();
    expect(server.served.map((served) => served.read)).toEqual(["list", "list"]);
  });

  it("givenAFullReadWhileAWriteIsPending_thenTheOptimisticRowStaysOnTopOfTheReplacedRows", async () => {
    const { server, store } = await givenFeedStore();
    server.put("Theirs", "a");
    let answer!: () => void;
    server.intercept((request) =>
      request.method === "POST" ? new Promise<undefined>((resolve) => (answer = () => resolve(undefined))) : undefined,
    );

    const transaction = store.collection.insert(newTodo("n1", "Mine"));
    await vi.waitFor(() => expect(answer).toBeTypeOf("function"));
    await store.refetch();

    expect(([...store.collection.values()] as Todo[]).map((todo) => todo.name).sort()).toEqual(["Mine", "Theirs"]);
    answer();
    await transaction.isPersisted.promise;
    expect(store.collection.get("n1")).toMatchObject({ name: "Mine", version: 1, $hasPendingWrites: false });
  });

  it("givenTheListLetGoWhileItsReadIsUnderWay_thenTheReadEndsQuietlyAndWritesNothing", async () => {
    const { server, store } = await givenFeedStore();
    server.put("Too late", "a");
    let release!: () => void;
    server.intercept((request) => (request.method === "GET" ? new Promise<undefined>((resolve) => (release = () => resolve(undefined))) : undefined));

    const reading = store.catchUp();
    await vi.waitFor(() => expect(release).toBeTypeOf("function"));
    await store.dispose(true);
    release();

    await expect(reading).resolves.toBeUndefined();
    expect(store.collection.status).toBe("cleaned-up");
    expect(store.collection.size).toBe(0);
  });

  it("givenAReadTheCollectionCannotTake_thenNothingOfItIsShownAndTheNextReadStartsAfresh", async () => {
    const { server, store, byId, onServer } = await givenFeedStore();
    server.put("Milk", "a");
    await store.catchUp();
    const twice = [{ ...server.todos.get("a")!, name: "One copy" }, { ...server.todos.get("a")!, name: "Another copy" }];
    server.intercept((request) => (request.method === "GET" && request.url.endsWith("/todos") ? json(200, twice) : undefined));

    await expect(store.refetch()).rejects.toThrow(/already exists/);
    expect(byId()).toEqual({ a: "Milk@1" });
    expect(store.cursor).toBeUndefined(); // the next read is a full one
    expect(openSyncTransactions(store)).toBe(0); // and the half-written one was dropped

    server.intercept(undefined);
    server.put("Bread", "b");
    await store.catchUp();
    expect(byId()).toEqual(onServer());
    store.applyFrame([server.change(server.put("Eggs", "c"))], server.cursorAt());
    expect(byId()).toEqual(onServer());
  });

  it("givenAFrameTheFullReadHadAlreadyCovered_thenOneFeedReadSettlesItAndTheFeedIsNotAskedAgain", async () => {
    const server = new FakeTodoServer();
    const timers = new ManualTimers();
    const behind = vi.fn();
    const store = createTodoStore({ listId: "l1", api: new TodoApi(API, server.fetch), timers, onBehind: behind });
    server.put("Gone soon", "a"); // seq 1
    const deleted = server.remove("a")!; // seq 2: the read holds neither, and shows no seq beyond 0
    await store.refetch();

    store.applyFrame([deleted], server.cursorAt(2)); // its frame, buffered during the read
    timers.advance(1_500);
    expect(behind).toHaveBeenCalledTimes(1);
    await store.catchUp(); // nothing after the read's cursor

    timers.advance(10_000);
    expect(behind).toHaveBeenCalledTimes(1);
    expect(server.served.map((served) => served.items)).toEqual([0, 0]);
  });
});
