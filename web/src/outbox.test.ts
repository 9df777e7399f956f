import type { OfflineTransaction } from "@tanstack/offline-transactions";
import { afterEach, describe, expect, it, vi } from "vitest";
import { TodoApi } from "./api";
import { type TodoStore, createTodoStore } from "./collection";
import { Outbox, inCreationOrder } from "./outbox";
import { TodoStores } from "./stores";
import { FakeBus, FakeLeader, FakeOnline, MemoryStorage } from "./testing/fakeOutboxParts";
import { FakeTodoServer, problem } from "./testing/fakeTodoServer";
import { MemoryPersistence } from "./testing/memoryPersistence";
import type { Todo } from "./todo";

const API = "http://livetodos.test/api/lists/l1/todos";

/** One browser: its server connection, its database, its outbox storage, its tabs' channel. */
interface Browser {
  server: FakeTodoServer;
  db: MemoryPersistence;
  storage: MemoryStorage;
  bus: FakeBus;
  online: FakeOnline;
}

function givenBrowser(): Browser {
  const server = new FakeTodoServer();
  server.put("Milk", "a");
  server.put("Bread", "b");
  return { server, db: new MemoryPersistence(), storage: new MemoryStorage(), bus: new FakeBus(), online: new FakeOnline(true) };
}

/** The device goes offline: nothing reaches the server, and the page knows it. */
function offline(browser: Browser): void {
  browser.online.set(false);
  browser.server.intercept(() => {
    throw new TypeError("Failed to fetch");
  });
}

function online(browser: Browser): void {
  browser.server.intercept(undefined);
  browser.online.set(true);
}

const tabs: { outbox: Outbox; stores: TodoStores }[] = [];

/** A tab of the browser (a page load): its stores and its outbox, leading or not. */
async function givenTab(browser: Browser, leader = new FakeLeader(true), options: { inMemory?: boolean } = {}) {
  const notices: string[] = [];
  let outbox: Outbox | undefined;
  const stores = new TodoStores((listId) => {
    const store: TodoStore = createTodoStore({
      listId,
      api: new TodoApi(API, browser.server.fetch),
      persistence: options.inMemory ? undefined : browser.db.persistence(),
      writer: () => outbox,
      onWriteError: (error) => notices.push(error.message),
    });
    outbox?.register(store);
    return store;
  });
  outbox = await Outbox.start({
    name: "livetodos-test",
    host: stores,
    storage: browser.storage,
    leaderElection: leader,
    onlineDetector: browser.online,
    channel: browser.bus.channel(),
    forwardRetryMs: 50,
  });
  if (!outbox) throw new Error("no outbox");
  const tab = { outbox, stores, notices, leader };
  tabs.push(tab);
  const open = async () => {
    const store = stores.acquire("l1");
    await store.ready;
    return store;
  };
  const rows = () =>
    Object.fromEntries(
      [...(stores.get("l1")?.collection.values() ?? [])].map((todo) => [todo.id, `${todo.name}${(todo as Todo & { $hasPendingWrites?: boolean }).$hasPendingWrites ? " (pending)" : ""}`]),
    );
  const close = () => {
    outbox!.dispose();
    leader.releaseLeadership();
  };
  return { ...tab, outbox, open, rows, close };
}

function rename(store: TodoStore, id: string, name: string) {
  return store.writes.update(id, {}, ([draft]) => void (draft!.name = name));
}

function add(store: TodoStore, id: string, name: string) {
  const now = new Date().toISOString();
  return store.writes.insert({ id, name, status: "pending", version: 0, createdAt: now, updatedAt: now });
}

async function entries(outbox: Outbox, count: number): Promise<OfflineTransaction[]> {
  let seen: OfflineTransaction[] = [];
  await vi.waitFor(async () => expect((seen = await outbox.peek())).toHaveLength(count), { timeout: 5_000 });
  return seen;
}

afterEach(() => {
  for (const tab of tabs.splice(0)) tab.outbox.dispose();
});

describe("the outbox", () => {
  it("givenThreeEditsOffline_thenTheyWaitWithAKeyEachSurviveAReloadAndLandOnceInOrderWhenOnline", async () => {
    const browser = givenBrowser();
    const first = await givenTab(browser);
    const store = await first.open();
    await store.catchUp();
    offline(browser);

    rename(store, "a", "Oat milk");
    rename(store, "b", "Rye bread");
    add(store, "c", "Eggs");

    const kept = await entries(first.outbox, 3);
    expect(new Set(kept.map((entry) => entry.idempotencyKey)).size).toBe(3);
    expect(first.outbox.waiting).toBe(3);
    expect(first.rows()).toEqual({ a: "Oat milk (pending)", b: "Rye bread (pending)", c: "Eggs (pending)" });
    first.close();

    const reloaded = await givenTab(browser);
    await reloaded.open();
    await vi.waitFor(() => expect(reloaded.rows()).toEqual({ a: "Oat milk (pending)", b: "Rye bread (pending)", c: "Eggs (pending)" }));
    expect(reloaded.outbox.waiting).toBe(3);
    const writesBefore = browser.server.requests.filter((r) => r.method !== "GET").length;
    expect(writesBefore).toBe(0);

    online(browser);

    await entries(reloaded.outbox, 0);
    const writes = browser.server.requests.filter((r) => r.method !== "GET");
    expect(writes.map((w) => w.method)).toEqual(["PUT", "PUT", "POST"]);
    expect(writes.map((w) => w.idempotencyKey)).toEqual(kept.map((entry) => entry.idempotencyKey));
    expect(browser.server.applied).toBe(3);
    await vi.waitFor(() => expect(reloaded.rows()).toEqual({ a: "Oat milk", b: "Rye bread", c: "Eggs" }));
    expect(reloaded.outbox.waiting).toBe(0);
    expect(reloaded.notices).toEqual([]);
  });

  it("givenABrowserThatKeepsNoDatabase_thenTheOutboxStillKeepsTheEditsAcrossAReload", async () => {
    const browser = givenBrowser();
    const first = await givenTab(browser, new FakeLeader(true), { inMemory: true });
    const store = await first.open();
    await store.catchUp();
    offline(browser);
    rename(store, "a", "Oat milk");
    await entries(first.outbox, 1);
    first.close();

    const reloaded = await givenTab(browser, new FakeLeader(true), { inMemory: true });
    const again = await reloaded.open();
    online(browser);
    await again.catchUp();

    await entries(reloaded.outbox, 0);
    expect(browser.server.applied).toBe(1);
    await vi.waitFor(() => expect(reloaded.rows()).toEqual({ a: "Oat milk", b: "Bread" }));
  });

  it("givenAReplayTheServerRefuses_thenTheEditIsRolledBackWithANoticeAndLeavesTheOutbox", async () => {
    const browser = givenBrowser();
    const first = await givenTab(browser);
    const store = await first.open();
    await store.catchUp();
    offline(browser);
    rename(store, "a", "Oat milk");
    await entries(first.outbox, 1);
    first.close();
    const reloaded = await givenTab(browser);
    await reloaded.open();
    await vi.waitFor(() => expect(reloaded.rows().a).toBe("Oat milk (pending)"));

    browser.server.intercept((request) =>
      request.method === "PUT" ? problem(409, { type: "/problems/conflict", title: "Conflict", conflicts: [{ id: "a", currentVersion: 1 }] }) : undefined,
    );
    browser.online.set(true);

    await entries(reloaded.outbox, 0);
    await vi.waitFor(() => expect(reloaded.rows().a).toBe("Milk"));
    expect(reloaded.notices).toEqual(["Someone else changed this todo first. You now see their version."]);
  });

  it("givenAnAnswerLostOnTheWay_thenTheWriteIsSentAgainUnderItsKeyAndAppliedOnce", async () => {
    const browser = givenBrowser();
    const tab = await givenTab(browser);
    const store = await tab.open();
    await store.catchUp();
    browser.server.dropAnswers = 1;

    const { transaction } = rename(store, "a", "Oat milk");
    await transaction.isPersisted.promise;

    const puts = browser.server.requests.filter((r) => r.method === "PUT");
    expect(puts).toHaveLength(2);
    expect(puts[0]?.idempotencyKey).toBeDefined();
    expect(puts[1]?.idempotencyKey).toBe(puts[0]?.idempotencyKey);
    expect(browser.server.applied).toBe(1);
    expect(tab.rows().a).toBe("Oat milk");
  });

  it("givenASecondTabOffline_thenItsEditGoesIntoTheSharedOutboxAndLandsOnceWhenOnline", async () => {
    const browser = givenBrowser();
    const leader = await givenTab(browser, new FakeLeader(true));
    const follower = await givenTab(browser, new FakeLeader(false));
    await (await leader.open()).catchUp();
    const theirs = await follower.open();
    await theirs.catchUp();
    offline(browser);

    const { transaction, saved } = rename(theirs, "b", "Rye bread");
    await saved; // kept by the leader: it survives this tab from now on

    expect(follower.rows().b).toBe("Rye bread (pending)");
    const [entry] = await entries(leader.outbox, 1);
    expect(entry?.metadata?.forwardedId).toBe(transaction.id);
    await vi.waitFor(() => expect(follower.outbox.waiting).toBe(1));
    expect(leader.outbox.waiting).toBe(1);

    online(browser);
    await transaction.isPersisted.promise;

    expect(browser.server.applied).toBe(1);
    expect(browser.server.requests.filter((r) => r.method === "PUT")).toHaveLength(1);
    await theirs.catchUp();
    expect(follower.rows().b).toBe("Rye bread");
    await vi.waitFor(() => expect(follower.outbox.waiting).toBe(0));
  });

  it("givenEditsWaitingInTheLeadingTab_thenASecondTabShowsThemPendingTooUntilTheyAreSent", async () => {
    const browser = givenBrowser();
    const leader = await givenTab(browser, new FakeLeader(true));
    const follower = await givenTab(browser, new FakeLeader(false));
    const mine = await leader.open();
    await mine.catchUp();
    const theirs = await follower.open();
    await theirs.catchUp();
    offline(browser);

    rename(mine, "a", "Oat milk");
    add(mine, "c", "Eggs");

    await vi.waitFor(() => expect(follower.rows()).toEqual({ a: "Oat milk (pending)", b: "Bread", c: "Eggs (pending)" }));
    online(browser);
    await entries(leader.outbox, 0);
    await theirs.catchUp(); // the live frames' part, here
    await vi.waitFor(() => expect(follower.rows()).toEqual({ a: "Oat milk", b: "Bread", c: "Eggs" }));
  });

  it("givenASecondTabsEditTheServerRefuses_thenThatTabRollsItBackAndSaysSo", async () => {
    const browser = givenBrowser();
    const leader = await givenTab(browser, new FakeLeader(true));
    const follower = await givenTab(browser, new FakeLeader(false));
    await (await leader.open()).catchUp();
    const theirs = await follower.open();
    await theirs.catchUp();
    browser.server.remove("b");

    const { transaction } = rename(theirs, "b", "Rye bread");

    await expect(transaction.isPersisted.promise).rejects.toThrow("This todo was deleted by someone else.");
    expect(follower.notices).toEqual(["This todo was deleted by someone else."]);
    expect(leader.notices).toEqual([]);
  });

  it("givenTheLeadingTabClosesWithAnEditWaiting_thenTheOtherTabTakesOverAndSendsIt", async () => {
    const browser = givenBrowser();
    const first = await givenTab(browser, new FakeLeader(true));
    const secondLeader = new FakeLeader(false);
    const second = await givenTab(browser, secondLeader);
    const store = await first.open();
    await store.catchUp();
    await (await second.open()).catchUp();
    offline(browser);
    rename(store, "a", "Oat milk");
    await entries(first.outbox, 1);
    await vi.waitFor(() => expect(second.outbox.waiting).toBe(1));

    first.close();
    secondLeader.set(true);
    online(browser);

    await entries(second.outbox, 0);
    expect(browser.server.applied).toBe(1);
    await vi.waitFor(() => expect(second.rows().a).toBe("Oat milk"));
  });

  it("givenTheLeaderClosesWithASecondTabsEditInTheOutbox_thenThatTabTakesOverAndItsEditIsConfirmedThere", async () => {
    const browser = givenBrowser();
    const first = await givenTab(browser, new FakeLeader(true));
    const secondLeader = new FakeLeader(false);
    const second = await givenTab(browser, secondLeader);
    await (await first.open()).catchUp();
    const theirs = await second.open();
    await theirs.catchUp();
    offline(browser);
    const { transaction, saved } = rename(theirs, "b", "Rye bread");
    await saved;
    await entries(first.outbox, 1);

    first.close();
    secondLeader.set(true);
    online(browser);

    await transaction.isPersisted.promise;
    await entries(second.outbox, 0);
    expect(browser.server.applied).toBe(1);
    await vi.waitFor(() => expect(second.rows().b).toBe("Rye bread"));
  });

  it("givenASecondTabWithNoLeaderYet_thenItHoldsItsEditAndKeepsItOnceItLeads", async () => {
    const browser = givenBrowser();
    const ownLeader = new FakeLeader(false);
    const alone = await givenTab(browser, ownLeader);
    const store = await alone.open();
    await store.catchUp();
    offline(browser);

    rename(store, "a", "Oat milk");
    await vi.waitFor(() => expect(alone.outbox.waiting).toBe(1));
    expect(await alone.outbox.peek()).toHaveLength(0);

    ownLeader.set(true);

    await entries(alone.outbox, 1);
    expect(alone.outbox.waiting).toBe(1);
    online(browser);
    await entries(alone.outbox, 0);
    expect(browser.server.applied).toBe(1);
  });
});

describe("the replay order", () => {
  it("givenWritesMadeInOneMillisecond_thenTheyAreReplayedInTheOrderTheyWereMade", () => {
    const at = new Date("2026-12-02T16:00:00.000Z");
    const entry = (id: string, order: number) => ({ id, createdAt: at, metadata: { order } }) as unknown as OfflineTransaction;

    const ordered = inCreationOrder([entry("c", 3.3), entry("a", 3.1), entry("b", 3.2)]);

    expect(ordered.map((e) => e.id)).toEqual(["a", "b", "c"]);
    expect(ordered.map((e) => e.createdAt.getTime() - at.getTime())).toEqual([0, 1, 2]);
  });
});
