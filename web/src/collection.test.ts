import { describe, expect, it, vi } from "vitest";
import { TodoApi } from "./api";
import { createTodoStore } from "./collection";
import { FakeTodoServer, problem } from "./testing/fakeTodoServer";
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
