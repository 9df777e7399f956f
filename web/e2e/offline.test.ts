import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessibilityProblems } from "./axe";
import { launchChromium } from "./chromium";
import { LivetodosServer } from "./server";
import { TodoPage } from "./todoPage";

const WINDOW = { width: 560, height: 620 };
const PASSWORD = "correct horse battery staple";
const SCREENSHOTS = path.resolve("target/screenshots");

interface Row {
  name: string;
  done: boolean;
  pending: boolean;
}

/**
 * One person, Ada, whose browser loses its network: what she does meanwhile waits in the outbox,
 * survives a reload, is shared by her second tab, and lands once when the network is back.
 */
describe("a page that goes offline", () => {
  let dataDir: string;
  let server: LivetodosServer;
  let browser: Browser;
  let context: BrowserContext;
  let a: TodoPage;
  /** Every write the pages sent, with its Idempotency-Key. */
  const writes: { method: string; url: string; key: string | null }[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "livetodos-e2e-offline-"));
    [server, browser] = await Promise.all([LivetodosServer.start({ dataDir }), launchChromium()]);
    context = await browser.newContext({ viewport: WINDOW });
    context.on("request", (request) => {
      if (request.method() !== "GET" && /\/api\/lists\/[^/]+\/todos/.test(request.url()))
        writes.push({ method: request.method(), url: request.url(), key: request.headers()["idempotency-key"] ?? null });
    });
    a = new TodoPage(await context.newPage());
    await a.signUp(server.url, "Ada", PASSWORD);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** The network goes: the browser says so, and nothing of the API or the socket gets through. */
  async function goOffline(): Promise<void> {
    await context.route("**/api/**", abort);
    await context.route("**/config.json", abort);
    await context.setOffline(true);
  }

  async function goOnline(): Promise<void> {
    await context.unroute("**/api/**", abort);
    await context.unroute("**/config.json", abort);
    await context.setOffline(false);
  }

  /** Playwright's offline emulation can reach a freshly loaded document late: wait until the page agrees. */
  async function offlineIn(page: Page): Promise<void> {
    await page.waitForFunction(() => !navigator.onLine, null, { timeout: 10_000 });
  }

  function rows(page: Page): Promise<Row[]> {
    return page.locator('[data-testid="todo"]').evaluateAll((items) =>
      items.map((item) => ({
        name: item.querySelector(".name")?.textContent ?? "",
        done: item.classList.contains("done"),
        pending: item.getAttribute("data-pending") === "true",
      })),
    );
  }

  function badge(page: Page): Promise<string> {
    return page.locator(".badge").innerText();
  }

  /** Ada's own list's todos as the server has them, read the way a script would with her token. */
  async function serverTodos(): Promise<{ name: string; status: string; version: number }[]> {
    const token = await a.accessToken();
    const lists = (await (await fetch(`${server.url}/api/lists`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { id: string; name: string }[];
    const mine = lists.find((list) => list.name === "My todos")!;
    const response = await fetch(`${server.url}/api/lists/${mine.id}/todos`, { headers: { Authorization: `Bearer ${token}` } });
    return (await response.json()) as { name: string; status: string; version: number }[];
  }

  it("givenThreeEditsOfflineAndAReload_thenTheListAndThePendingEditsShowAndLandOnceWhenOnlineForEveryTabAndWindow", async () => {
    await a.add("Milk");
    await a.add("Bread");
    await a.row("Bread").and(a.page.locator('[data-pending="false"]')).waitFor();
    // The app shell is kept once the service worker controls the page.
    await a.page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });

    writes.length = 0;

    await goOffline();
    await offlineIn(a.page);
    await a.waitForState("offline");
    await a.rename("Milk", "Oat milk");
    await a.toggle("Bread");
    await a.add("Eggs");

    await expect.poll(() => badge(a.page), { timeout: 10_000 }).toBe("Offline — 3 changes waiting");
    // The longer badge fits a phone's width.
    await a.page.setViewportSize({ width: 360, height: 740 });
    expect(await a.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await a.page.screenshot({ path: path.join(SCREENSHOTS, "offline-phone.png") });
    await a.page.setViewportSize(WINDOW);
    expect(await rows(a.page)).toEqual([
      { name: "Oat milk", done: false, pending: true },
      { name: "Bread", done: true, pending: true },
      { name: "Eggs", done: false, pending: true },
    ]);
    expect(writes).toEqual([]);

    // A reload while still offline: the page, the list and the pending edits, all from this browser.
    await a.page.reload();
    await offlineIn(a.page);
    await a.row("Eggs").waitFor({ timeout: 30_000 });
    await expect.poll(() => rows(a.page), { timeout: 10_000 }).toEqual([
      { name: "Oat milk", done: false, pending: true },
      { name: "Bread", done: true, pending: true },
      { name: "Eggs", done: false, pending: true },
    ]);
    await expect.poll(() => badge(a.page), { timeout: 10_000 }).toBe("Offline — 3 changes waiting");

    // A second tab shares the outbox: it shows and counts the first tab's edits, and its own edit
    // joins them.
    const second = new TodoPage(await context.newPage());
    await second.page.goto(server.url);
    await offlineIn(second.page);
    await second.row("Eggs").waitFor({ timeout: 30_000 });
    await expect.poll(() => rows(second.page), { timeout: 10_000 }).toEqual([
      { name: "Oat milk", done: false, pending: true },
      { name: "Bread", done: true, pending: true },
      { name: "Eggs", done: false, pending: true },
    ]);
    await expect.poll(() => badge(second.page), { timeout: 10_000 }).toBe("Offline — 3 changes waiting");
    await second.rename("Oat milk", "Milk from the second tab");
    await expect.poll(() => badge(second.page), { timeout: 10_000 }).toBe("Offline — 4 changes waiting");
    await expect.poll(() => badge(a.page), { timeout: 10_000 }).toBe("Offline — 4 changes waiting");
    expect(await accessibilityProblems(a.page), "offline, with changes waiting").toEqual([]);
    expect(writes).toEqual([]);

    await goOnline();

    for (const page of [a, second]) await page.waitForState("live", 60_000);
    await expect.poll(() => rows(a.page), { timeout: 30_000 }).toEqual([
      { name: "Milk from the second tab", done: false, pending: false },
      { name: "Bread", done: true, pending: false },
      { name: "Eggs", done: false, pending: false },
    ]);
    await expect.poll(() => rows(second.page), { timeout: 30_000 }).toEqual(await rows(a.page));
    // Each edit applied once: one version per write, one Eggs, in the order they were made.
    const todos = await serverTodos();
    expect(todos.map((todo) => [todo.name, todo.status, todo.version]).sort()).toEqual([
      ["Bread", "completed", 2],
      ["Eggs", "pending", 1],
      ["Milk from the second tab", "pending", 3],
    ]);
    expect(writes.map((write) => write.method)).toEqual(["PUT", "PUT", "POST", "PUT"]);
    expect(new Set(writes.map((write) => write.key)).size).toBe(4);
    expect(writes.every((write) => write.key !== null)).toBe(true);

    // And another browser (a context of its own) sees them.
    const other = await browser.newContext({ viewport: WINDOW });
    const b = new TodoPage(await other.newPage());
    await b.signIn(server.url, "Ada", PASSWORD);
    await b.waitForNames(["Milk from the second tab", "Bread", "Eggs"], 10_000);
    await other.close();
    await second.page.close();
  });

  it("givenAnEditRefusedWhenItIsReplayed_thenItIsRolledBackWithANotice", async () => {
    await goOffline();
    await offlineIn(a.page);
    await a.rename("Eggs", "Free-range eggs");
    await expect.poll(() => badge(a.page), { timeout: 10_000 }).toBe("Offline — 1 changes waiting");
    // Meanwhile someone deletes it (here: the server refuses every write to it as gone).
    await context.unroute("**/api/**", abort);
    await context.route("**/api/lists/*/todos", (route: Route) =>
      route.request().method() === "PUT"
        ? route.fulfill({ status: 404, contentType: "application/problem+json", body: JSON.stringify({ type: "/problems/not-found", title: "Todo not found", status: 404 }) })
        : route.fallback(),
    );
    await context.unroute("**/config.json", abort);
    await context.setOffline(false);

    await a.notice().filter({ hasText: "This todo was deleted by someone else." }).waitFor({ timeout: 30_000 });
    await a.row("Eggs").waitFor({ timeout: 10_000 });
    expect(await a.row("Free-range eggs").count()).toBe(0);
    await a.waitForState("live", 60_000);
    await context.unrouteAll({ behavior: "ignoreErrors" });
  });

  it("givenTheTabThatHoldsTheOutboxClosesWhileOffline_thenTheOtherTabTakesItOverAndSendsItsEditWhenOnline", async () => {
    // `a` has held the outbox since it loaded (the other tabs came later); a second tab waits its turn.
    const other = new TodoPage(await context.newPage());
    await other.open(server.url);
    writes.length = 0;
    await goOffline();
    await offlineIn(a.page);
    await offlineIn(other.page);
    await a.rename("Bread", "Sourdough");
    await expect.poll(() => badge(other.page), { timeout: 10_000 }).toBe("Offline — 1 changes waiting");

    await a.page.close();
    a = other;
    await goOnline();

    await other.row("Sourdough").and(other.page.locator('[data-pending="false"]')).waitFor({ timeout: 30_000 });
    expect(writes.map((write) => write.method)).toEqual(["PUT"]);
    expect((await serverTodos()).map((todo) => todo.name)).toContain("Sourdough");
  });

  it("givenAReloadOnline_thenTheKeptListCatchesUpFromItsCursorWithAFeedReadNotAFullRead", async () => {
    const reads: string[] = [];
    const record = (request: { method(): string; url(): string }) => {
      if (request.method() === "GET" && request.url().includes("/api/lists/")) reads.push(new URL(request.url()).pathname + new URL(request.url()).search);
    };
    a.page.on("request", record);

    await a.page.reload();
    await a.waitForState("live");
    await a.row("Sourdough").waitFor();

    a.page.off("request", record);
    expect(reads.some((read) => /\/changes\?after=/.test(read))).toBe(true);
    expect(reads.filter((read) => /\/todos$/.test(read))).toEqual([]);
  });
});

function abort(route: Route): Promise<void> {
  return route.abort("internetdisconnected");
}
