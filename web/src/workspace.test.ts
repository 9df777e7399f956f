import { describe, expect, it, vi } from "vitest";
import { LIST_GONE, LivetodosApi } from "./api";
import { Notices } from "./notices";
import { MemoryAddress } from "./route";
import { FakeLivetodosServer } from "./testing/fakeLivetodosServer";
import { ManualTimers } from "./testing/manualTimers";
import type { Todo, TodoListInfo } from "./todo";
import { ListWorkspace } from "./workspace";

const ROOT = "http://livetodos.test/api";

function given(hash = "", serverOptions: { feed?: boolean } = {}) {
  const server = new FakeLivetodosServer(undefined, serverOptions);
  const ada = server.person("Ada");
  const api = new LivetodosApi(ROOT, server.fetch, { accessToken: async () => ada.token, renew: async () => false });
  const notices = new Notices();
  const address = new MemoryAddress(hash);
  const timers = new ManualTimers();
  const workspace = new ListWorkspace({ api, notices, address, timers });
  // The live connection's part: a read kept in order with frames; here, the read itself.
  const live = { resync: vi.fn(async (read?: () => Promise<void>) => (read ?? workspace.refetch)()) };
  const open = () => workspace.getSnapshot();
  const todos = () => [...(open().store?.collection.values() ?? [])].map((todo) => (todo as Todo).name);
  // In the server's order, as the switcher shows them.
  const lists = () =>
    workspace.lists
      .order()
      .filter((id) => workspace.lists.collection.has(id))
      .map((id) => workspace.lists.collection.get(id)!.name);
  const notes = () => notices.getAll().map((notice) => notice.text);
  /** The page as it starts: the address followed, then the live connection's first full read. */
  const start = async () => {
    await workspace.start(live);
    await workspace.refetch();
  };
  return { server, ada, api, notices, address, workspace, live, timers, open, todos, lists, notes, start };
}

const listInfo = (id: string, name: string, version: number, role: TodoListInfo["role"] = "owner"): TodoListInfo => ({
  id,
  name,
  role,
  version,
  seq: 0,
});

describe("the person's lists and the open list", () => {
  it("givenAFirstSignIn_thenItOpensTheFirstListTheServerNames", async () => {
    const page = given();

    await page.start();

    expect(page.lists()).toEqual(["My todos"]);
    expect(page.open().listId).toBe([...page.server.lists.keys()][0]);
    expect(page.address.hash()).toBe(`#/list/${page.open().listId}`);
  });

  it("appliesListFramesByVersion_newNamesWinOldCopiesDoNot", async () => {
    const page = given();
    await page.start();
    const id = page.open().listId!;

    await page.workspace.apply({ type: "list", op: "upsert", list: listInfo(id, "Renamed", 3) });
    await page.workspace.apply({ type: "list", op: "upsert", list: listInfo(id, "Stale copy", 2) });
    await page.workspace.apply({ type: "list", op: "upsert", list: listInfo("shared", "Bob's list", 1, "viewer") });

    expect(page.lists()).toEqual(["Renamed", "Bob's list"]);
    expect(page.workspace.roleOf("shared")).toBe("viewer");
    expect(page.open().listId).toBe(id); // a new list does not take the person away from theirs
  });

  it("givenChangesForTwoLists_thenOnlyTheOpenListsCollectionTakesItsOwn", async () => {
    const page = given();
    const groceries = page.server.list(page.ada, "Groceries", [], "groceries");
    const work = page.server.list(page.ada, "Work", [], "work");
    page.address.go("#/list/groceries");
    await page.start();
    const milk = groceries.todos.put("Milk", "t1");
    const report = work.todos.put("Report", "t1"); // the same id in another list

    await page.workspace.apply({ type: "changes", listId: "groceries", changes: [{ op: "upsert", todo: milk }] });
    await page.workspace.apply({ type: "changes", listId: "work", changes: [{ op: "upsert", todo: report }] });

    expect(page.todos()).toEqual(["Milk"]);
    page.address.go("#/list/work");
    await vi.waitFor(() => expect(page.todos()).toEqual(["Report"]));
    expect(page.open().store?.listId).toBe("work");
  });

  it("givenTheOpenListRemoved_thenItAndItsTodosAreDroppedAndThePageSwitchesWithANotice", async () => {
    const page = given();
    const shared = page.server.list(page.server.person("Bob"), "Bob's", [[page.ada, "editor"]], "bobs");
    page.server.list(page.ada, "Mine", [], "mine");
    shared.todos.put("Secret plan", "t1");
    page.address.go("#/list/bobs");
    await page.start();
    expect(page.todos()).toEqual(["Secret plan"]);
    const removedStore = page.open().store!;

    await page.workspace.apply({ type: "list", op: "removed", listId: "bobs" });

    expect(page.lists()).toEqual(["Mine", "My todos"]);
    expect(page.open().listId).toBe("mine");
    expect(page.address.hash()).toBe("#/list/mine");
    expect(page.notes()).toEqual([LIST_GONE]);
    await vi.waitFor(() => expect(removedStore.collection.status).toBe("cleaned-up"));
    expect(removedStore.collection.size).toBe(0);
  });

  it("givenTheOpenListAnswers404_thenThePageSwitchesToAnotherList", async () => {
    const page = given();
    const shared = page.server.list(page.server.person("Bob"), "Bob's", [[page.ada, "editor"]], "bobs");
    page.server.list(page.ada, "Mine", [], "mine");
    page.address.go("#/list/bobs");
    await page.start();
    shared.members.delete(page.ada.id); // removed while this page was not listening

    await page.workspace.refetch();

    expect(page.open().listId).toBe("mine");
    expect(page.notes()).toEqual([LIST_GONE]);
  });

  it("givenAV1FrameThatNamesNoList_thenTheOpenListIsReadAgainOnceForABurst", async () => {
    const page = given("", { feed: false }); // v1 frames come from a server from before the feed
    const groceries = page.server.list(page.ada, "Groceries", [], "groceries");
    page.address.go("#/list/groceries");
    await page.start();
    let reads = 0;
    page.server.intercept((request) => void (request.method === "GET" && request.url.endsWith("/groceries/todos") && reads++));
    groceries.todos.put("Milk", "t1"); // written by another page; the server says only "changes"

    for (let i = 0; i < 5; i++) await page.workspace.apply({ type: "unscoped" });

    await vi.waitFor(() => expect(page.todos()).toEqual(["Milk"]));
    await vi.waitFor(() => expect(reads).toBe(2)); // one read under way, one more for the frames it missed
    expect(page.open().listId).toBe("groceries");
  });

  it("givenATodoWriteAnsweredListNotFound_thenThePersonIsToldTheListIsGoneAndThePageMovesOn", async () => {
    const page = given();
    const shared = page.server.list(page.server.person("Bob"), "Bob's", [[page.ada, "editor"]], "bobs");
    page.address.go("#/list/bobs");
    await page.start();
    shared.members.delete(page.ada.id); // removed, and this page has not heard yet

    const transaction = page.open().store!.collection.insert({
      id: "t9", name: "Too late", status: "pending", version: 0, createdAt: "", updatedAt: "",
    });
    await transaction.isPersisted.promise.catch(() => undefined);

    await vi.waitFor(() => expect(page.open().listId).not.toBe("bobs"));
    expect(page.notes()).toEqual([LIST_GONE]);
    expect(page.lists()).toEqual(["My todos"]);
    expect(shared.todos.todos.size).toBe(0);
  });

  it("givenAnAddressNamingAListThatIsNotThePersons_thenItSaysSoAndOpensTheirFirst", async () => {
    const page = given();
    await page.start();
    const mine = page.open().listId;

    page.address.go("#/list/someone-elses");

    await vi.waitFor(() => expect(page.notes()).toEqual([LIST_GONE]));
    expect(page.open().listId).toBe(mine);
  });

  it("keepsTheOldFilterAddressesWorkingForTheOpenList", async () => {
    const page = given("#/active");

    await page.start();
    const id = page.open().listId!;
    page.address.go("#/completed");

    expect(page.open().filter).toBe("completed");
    expect(page.address.hash()).toBe(`#/list/${id}/completed`);
  });

  it("givenAnInviteLink_thenItIsAcceptedOnceTheListOpensAndTheTokenLeavesTheAddress", async () => {
    const page = given();
    const bob = page.server.person("Bob");
    const shared = page.server.list(bob, "Bob's", [], "bobs");
    page.server.invites.set("tok-123", { listId: shared.id, role: "viewer" });
    page.address.go("#/invite/tok-123");

    await page.start();
    page.address.go("#/invite/tok-123"); // the same link followed again (back button, a second event)
    await page.workspace.refetch();

    expect(page.server.requests.filter((r) => r.path === "/api/invites/tok-123")).toHaveLength(1);
    expect(page.open().listId).toBe("bobs");
    expect(page.workspace.roleOf("bobs")).toBe("viewer");
    expect(page.address.replaced[0]).toBe("#/list/bobs");
    expect(page.address.replaced.some((hash) => hash.includes("tok-123"))).toBe(false);
  });

  it("givenAnInviteThatIsNoLongerValid_thenItSaysSoAndOpensTheFirstList", async () => {
    const page = given("#/invite/expired");

    await page.start();

    expect(page.notes()[0]).toMatch(/invite link is not valid/i);
    expect(page.address.hash()).toBe(`#/list/${page.open().listId}`);
  });

  it("createsAListAndOpensIt_deletesItAndMovesOn", async () => {
    const page = given();
    await page.start();
    const first = page.open().listId;

    expect(await page.workspace.createList("Holiday")).toBe(true);
    const holiday = page.open().listId!;
    expect(page.lists()).toEqual(["My todos", "Holiday"]);
    expect(page.server.lists.get(holiday)?.name).toBe("Holiday");

    expect(await page.workspace.deleteList(holiday)).toBe(true);
    expect(page.open().listId).toBe(first);
    expect(page.lists()).toEqual(["My todos"]);
    expect(page.notes()).toEqual([]); // the person's own doing needs no notice
  });

  it("givenAViewerLeaving_thenTheServerIsToldItIsThemAndTheListGoes", async () => {
    const page = given();
    const bob = page.server.person("Bob");
    page.server.list(bob, "Bob's", [[page.ada, "viewer"]], "bobs");
    page.address.go("#/list/bobs");
    await page.start();

    expect(await page.workspace.leaveList("bobs")).toBe(true);

    expect(page.server.requests.filter((r) => r.method === "DELETE")).toEqual([
      { method: "DELETE", path: `/api/lists/bobs/members/${page.ada.id}`, person: page.ada.id },
    ]);
    expect(page.lists()).toEqual(["My todos"]);
    expect(page.open().listId).not.toBe("bobs");
  });

  it("givenARefusedRename_thenTheListKeepsItsNameAndThePersonIsTold", async () => {
    const page = given();
    const bob = page.server.person("Bob");
    page.server.list(bob, "Bob's", [[page.ada, "editor"]], "bobs");
    await page.start();

    expect(await page.workspace.renameList("bobs", "Mine now")).toBe(false);

    expect(page.lists()).toContain("Bob's");
    expect(page.notes()).toEqual(["Only the list's owner can do that."]);
  });
});

describe("the open list's place in its change feed", () => {
  async function givenOpenList() {
    const page = given();
    const list = page.server.list(page.ada, "Groceries", [], "groceries");
    list.todos.put("Milk", "t1");
    page.address.go("#/list/groceries");
    await page.start();
    page.live.resync.mockClear();
    const reads = () => page.server.requests.filter((r) => r.method === "GET" && r.path.startsWith("/api/lists/groceries")).map((r) => r.path);
    const before = reads().length;
    return { ...page, list, readsSinceStart: () => reads().slice(before) };
  }

  it("givenAReconnect_thenTheOpenListReadsOnlyTheChangesSinceItsCursor", async () => {
    const page = await givenOpenList();
    page.list.todos.put("Bread", "t2"); // while the page was not connected
    page.list.todos.remove("t1");

    await page.workspace.refetch(); // the live connection's read after it reconnected

    expect(page.readsSinceStart()).toEqual(["/api/lists/groceries/changes"]);
    expect(page.todos()).toEqual(["Bread"]);
  });

  it("givenARenameOfTheOpenList_thenItsSeqIsNoMissingChangeAndTheNextFrameFollowsOn", async () => {
    const page = await givenOpenList();
    page.server.rename(page.list, "Food"); // seq 2, someone else's
    await page.workspace.apply(page.server.frames.at(-1)!.frame);
    expect(await page.workspace.renameList("groceries", "Shopping")).toBe(true); // seq 3, this page's own
    const bread = page.list.todos.put("Bread", "t2"); // seq 4

    await page.workspace.apply(page.server.changesFrame(page.list, bread)); // before its own rename's frame
    await page.workspace.apply(page.server.frames.at(-1)!.frame);
    page.timers.advance(5_000);

    expect(page.todos()).toEqual(["Milk", "Bread"]);
    expect(page.lists()).toContain("Shopping");
    expect(page.open().store!.cursor).toBe(page.list.todos.cursorAt(4));
    expect(page.live.resync).not.toHaveBeenCalled();
    expect(page.readsSinceStart()).toEqual([]);
  });

  it("givenAFrameAfterAChangeThatNeverCame_thenTheFeedIsReadInOrderWithTheFramesAfterTheWait", async () => {
    const page = await givenOpenList();
    page.list.todos.put("Lost", "t2"); // its frame went missing
    const eggs = page.list.todos.put("Eggs", "t3");

    await page.workspace.apply(page.server.changesFrame(page.list, eggs));
    expect(page.todos()).toEqual(["Milk", "Eggs"]);
    page.timers.advance(1_499);
    expect(page.live.resync).not.toHaveBeenCalled();
    page.timers.advance(1);

    expect(page.live.resync).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(page.todos()).toEqual(["Milk", "Lost", "Eggs"]));
    expect(page.readsSinceStart()).toEqual(["/api/lists/groceries/changes"]);
    expect(page.open().store!.cursor).toBe(page.list.todos.cursorAt());
  });

  it("givenAFrameOfAListThatIsNotOpen_thenTheOpenListsPlaceIsUntouched", async () => {
    const page = await givenOpenList();
    const work = page.server.list(page.ada, "Work", [], "work");
    const cursor = page.open().store!.cursor;
    work.todos.put("Report", "w1");
    const later = work.todos.put("Slides", "w2");

    await page.workspace.apply(page.server.changesFrame(work, later));
    page.timers.advance(5_000);

    expect(page.open().store!.cursor).toBe(cursor);
    expect(page.live.resync).not.toHaveBeenCalled();
  });

  it("givenTheListWasRenamedJustBeforeItWasOpened_thenTheFirstFrameAfterItsReadFollowsOn", async () => {
    const page = given();
    const list = page.server.list(page.ada, "Groceries", [], "groceries");
    list.todos.put("Milk", "t1"); // seq 1
    page.server.rename(list, "Food"); // seq 2: no todo carries it, the person's lists do
    page.address.go("#/list/groceries");
    await page.start();

    await page.workspace.apply(page.server.changesFrame(list, list.todos.put("Bread", "t2"))); // seq 3
    page.timers.advance(5_000);

    expect(page.open().store!.cursor).toBe(list.todos.cursorAt(3));
    expect(page.live.resync).not.toHaveBeenCalled();
  });
});
