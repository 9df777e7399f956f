import { describe, expect, it, vi } from "vitest";
import { LivetodosApi } from "./api";
import { Notices } from "./notices";
import { MemoryAddress } from "./route";
import { type FakePerson, FakeLivetodosServer } from "./testing/fakeLivetodosServer";
import { MemoryPersistence } from "./testing/memoryPersistence";
import type { Todo } from "./todo";
import { ListWorkspace } from "./workspace";

/** A page of Ada's on this browser's database `db`: a second call is the page reloaded. */
function givenPage(server: FakeLivetodosServer, ada: FakePerson, db: MemoryPersistence, hash = "") {
  const api = new LivetodosApi("http://livetodos.test/api", server.fetch, { accessToken: async () => ada.token, renew: async () => false });
  const workspace = new ListWorkspace({ api, notices: new Notices(), address: new MemoryAddress(hash), persistence: db.persistence() });
  const live = { resync: vi.fn(async (read?: () => Promise<void>) => (read ?? workspace.refetch)()) };
  const todos = () => [...(workspace.getSnapshot().store?.collection.values() ?? [])].map((todo) => (todo as Todo).name).sort();
  const lists = () => workspace.lists.order().map((id) => workspace.lists.collection.get(id)?.name);
  return { workspace, live, todos, lists };
}

describe("a page reloaded on a browser that kept the person's lists", () => {
  it("givenAReloadWhileTheServerCannotBeReached_thenTheListsAndTheOpenListShowAtOnce", async () => {
    const server = new FakeLivetodosServer();
    const ada = server.person("Ada");
    const groceries = server.list(ada, "Groceries", [], "groceries");
    groceries.todos.put("Milk", "t1");
    groceries.todos.put("Bread", "t2");
    const db = new MemoryPersistence();
    const first = givenPage(server, ada, db);
    await first.workspace.start(first.live);
    await first.workspace.refetch();
    await vi.waitFor(() => expect(first.todos()).toEqual(["Bread", "Milk"]));
    const listId = first.workspace.getSnapshot().listId!;
    await vi.waitFor(() => expect(db.rows(`todos:${listId}`)).toHaveLength(2));
    server.intercept(() => Response.error()); // offline from here on: every read fails

    const reloaded = givenPage(server, ada, db);
    await reloaded.workspace.start(reloaded.live);

    await vi.waitFor(() => expect(reloaded.workspace.getSnapshot().listId).toBe(listId));
    await vi.waitFor(() => expect(reloaded.todos()).toEqual(["Bread", "Milk"]));
    expect(reloaded.workspace.getSnapshot().listsRead).toBe(true);
    expect(reloaded.lists()).toEqual(first.lists());
    expect(reloaded.workspace.getSnapshot().store?.collection.status).toBe("ready");
  });

  it("givenAReloadOnline_thenTheOpenListCatchesUpWithAFeedReadNotAFullRead", async () => {
    const server = new FakeLivetodosServer();
    const ada = server.person("Ada");
    const groceries = server.list(ada, "Groceries", [], "groceries");
    groceries.todos.put("Milk", "t1");
    const db = new MemoryPersistence();
    const first = givenPage(server, ada, db, "#/list/groceries");
    await first.workspace.start(first.live);
    await first.workspace.refetch();
    await vi.waitFor(() => expect(db.rows("todos:groceries")).toHaveLength(1));
    groceries.todos.put("Bread", "t2");
    groceries.todos.served.length = 0;

    const reloaded = givenPage(server, ada, db, "#/list/groceries");
    await reloaded.workspace.start(reloaded.live);
    await reloaded.workspace.refetch();

    expect(reloaded.todos()).toEqual(["Bread", "Milk"]);
    expect(groceries.todos.served).toEqual([{ read: "changes", items: 1, more: false }]);
  });
});
