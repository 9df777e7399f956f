import { afterEach, describe, expect, it, vi } from "vitest";
import { LivetodosApi } from "./api";
import { LiveChanges } from "./live";
import { Notices } from "./notices";
import { MemoryAddress } from "./route";
import { FakeLivetodosServer } from "./testing/fakeLivetodosServer";
import { FakeSocket } from "./testing/fakeSocket";
import type { Todo } from "./todo";
import { ListWorkspace } from "./workspace";

/**
 * The page's classes together as main.tsx wires them (live connection, workspace, stores), against
 * the fake server with the change feed, over a socket the test opens, drops and opens again.
 */
async function givenALivePage(server = new FakeLivetodosServer()) {
  FakeSocket.all = [];
  const ada = server.person("Ada");
  const list = server.list(ada, "Groceries", [], "groceries");
  const api = new LivetodosApi("http://livetodos.test/api", server.fetch, { accessToken: async () => ada.token, renew: async () => false });
  const notices = new Notices();
  const workspace = new ListWorkspace({ api, notices, address: new MemoryAddress("#/list/groceries") });
  const live = new LiveChanges({
    url: "ws://livetodos.test/ws",
    WebSocket: FakeSocket,
    random: () => 0,
    apply: workspace.apply,
    refetch: workspace.refetch,
  });
  const rows = () => [...(workspace.getSnapshot().store?.collection.values() ?? [])] as Todo[];
  const byId = (todos: Iterable<Todo>) => Object.fromEntries([...todos].map((todo) => [todo.id, `${todo.name}@${todo.version}`]));
  const todoReads = () => server.requests.filter((r) => r.method === "GET" && r.path.startsWith("/api/lists/groceries/"));
  const goLive = async (sockets: number) => {
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(sockets), { timeout: 5_000 });
    FakeSocket.latest().open();
    await vi.waitFor(() => expect(live.state).toBe("live"));
  };
  return { server, ada, list, workspace, live, notices, rows, byId, todoReads, goLive };
}

describe("resuming after a disconnect", () => {
  let stop: (() => void) | undefined;

  afterEach(() => {
    stop?.();
    stop = undefined;
  });

  it("givenAThousandChangesWhileAway_thenTheReconnectReadsOnlyTheDeltaAndEndsWithExactlyTheServersList", async () => {
    const page = await givenALivePage();
    stop = () => page.live.stop();
    for (let i = 0; i < 2_000; i++) page.list.todos.put(`Todo ${i}`, `t${i}`);
    await page.workspace.start(page.live);
    page.live.start();
    await page.goLive(1);
    expect(page.rows()).toHaveLength(2_000);
    const readsBefore = page.todoReads().length;
    page.list.todos.served.length = 0;

    FakeSocket.latest().close(1006);
    expect(page.live.state).toBe("reconnecting");
    const stale = page.list.todos.todos.get("t1999")!; // a copy of its frame may still be on its way
    for (let i = 0; i < 400; i++) page.list.todos.put(`New ${i}`, `n${i}`); // 400 creates
    for (let i = 0; i < 300; i++) page.list.todos.put(`Renamed ${i}`, `t${i % 150}`); // 300 updates of 150 todos
    for (let i = 1_700; i < 2_000; i++) page.list.todos.remove(`t${i}`); // 300 deletes
    await page.goLive(2);
    FakeSocket.latest().deliverFrame(page.server.changesFrame(page.list, { ...stale, name: "Stale copy" }));

    const reads = page.todoReads().slice(readsBefore).map((r) => r.path);
    const served = page.list.todos.served;
    expect(new Set(reads)).toEqual(new Set(["/api/lists/groceries/changes"])); // no full read
    expect(served.every((s) => s.read === "changes")).toBe(true);
    // 1,000 changes; the feed returns each changed todo once, at its latest: 400 + 150 + 300
    expect(served.reduce((sum, s) => sum + s.items, 0)).toBe(850);
    expect(reads).toHaveLength(9); // pages of 100
    await vi.waitFor(() => expect(page.byId(page.rows())).toEqual(page.byId(page.list.todos.todos.values())));
    expect(page.rows()).toHaveLength(2_100);
    expect(page.workspace.getSnapshot().store!.collection.has("t1999")).toBe(false); // its delete holds
    expect(page.workspace.getSnapshot().store!.cursor).toBe(page.list.todos.cursorAt());
  });

  it("givenTheReconnectFindsTheCursorTooOld_thenTheListIsReplacedAndNeverShowsEmpty", async () => {
    const page = await givenALivePage();
    stop = () => page.live.stop();
    for (let i = 0; i < 50; i++) page.list.todos.put(`Todo ${i}`, `t${i}`);
    await page.workspace.start(page.live);
    page.live.start();
    await page.goLive(1);
    const store = page.workspace.getSnapshot().store!;
    const sizes: number[] = [];
    const subscription = store.collection.subscribeChanges(() => sizes.push(store.collection.size));

    FakeSocket.latest().close(1006);
    for (let i = 0; i < 10; i++) page.list.todos.remove(`t${i}`);
    page.list.todos.put("Came later", "late");
    page.list.todos.expireCursors(); // away longer than the server keeps changes
    await page.goLive(2);
    subscription.unsubscribe();

    expect(page.byId(page.rows())).toEqual(page.byId(page.list.todos.todos.values()));
    expect(sizes).toEqual([41]); // from the 50 it had straight to the 41 there are
    expect(page.list.todos.served.map((s) => s.read)).toEqual(["list", "list"]); // the feed answered 409
    expect(page.notices.getAll()).toEqual([]);
  });

  it("givenAServerWithoutTheFeed_thenEveryReconnectReadsTheWholeListAsBefore", async () => {
    const page = await givenALivePage(new FakeLivetodosServer(undefined, { feed: false }));
    stop = () => page.live.stop();
    page.list.todos.put("Milk", "t1");
    await page.workspace.start(page.live);
    page.live.start();
    await page.goLive(1);
    FakeSocket.latest().deliverFrame(page.server.changesFrame(page.list, page.list.todos.put("Bread", "t2")));

    FakeSocket.latest().close(1006);
    page.list.todos.remove("t1");
    await page.goLive(2);

    expect(page.byId(page.rows())).toEqual({ t2: "Bread@1" });
    expect(page.todoReads().map((r) => r.path)).toEqual(["/api/lists/groceries/todos", "/api/lists/groceries/todos"]);
  });
});
