import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Route, WebSocketRoute } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessibilityProblems } from "./axe";
import { launchChromium } from "./chromium";
import { LivetodosServer } from "./server";
import { TodoPage } from "./todoPage";

const WINDOW = { width: 560, height: 620 };
/** Ada signs up on the server's own issuer with this password, and signs in with it in every other window. */
const PASSWORD = "correct horse battery staple";
const SCREENSHOTS = path.resolve("target/screenshots");
/** Any list's todo collection, for routes that refuse the page's writes. */
const TODOS = "**/api/lists/*/todos";

/** Click in one window → change visible in the other, per kind of change. */
const latencies: { what: string; ms: number }[] = [];

/**
 * One person, Ada, in several browser windows (each a browser context of its own, so each signs
 * in for itself) on her own list, "My todos": every window sees what the others do, live.
 * Sharing a list between two people is e2e/sharing.test.ts.
 */
describe("one person in several browser windows on one livetodos server", () => {
  let dataDir: string;
  let server: LivetodosServer;
  let browser: Browser;
  let contexts: BrowserContext[] = [];
  let a: TodoPage;
  let b: TodoPage;
  /** Ada's own list's todos, `/api/lists/{id}/todos`, as a script finds it (GET /api/lists). */
  let api: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "livetodos-e2e-"));
    [server, browser] = await Promise.all([LivetodosServer.start({ dataDir }), launchChromium()]);
    [a, b] = await Promise.all([newWindow(), newWindow()]);
    await a.signUp(server.url, "Ada", PASSWORD);
    await b.signIn(server.url, "Ada", PASSWORD);
    api = await ownListTodos();
  });

  afterAll(async () => {
    if (latencies.length > 0) {
      console.log("\nclick in one window -> change visible in the other (ms)");
      console.table(latencies.map(({ what, ms }) => ({ what, ms: Math.round(ms) })));
    }
    await browser?.close();
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function newWindow(): Promise<TodoPage> {
    const context = await browser.newContext({ viewport: WINDOW });
    contexts.push(context);
    return new TodoPage(await context.newPage());
  }

  /** Calls the API the way a script would, as Ada (with the token her window holds). */
  async function send(method: string, url: string, body?: unknown): Promise<Response> {
    const response = await fetch(url, {
      method,
      headers: { Authorization: `Bearer ${await a.accessToken()}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${await response.text()}`);
    return response;
  }

  /** The todos URL of Ada's "My todos", found the way a script with her token finds it. */
  async function ownListTodos(): Promise<string> {
    const lists = (await (await send("GET", `${server.url}/api/lists`)).json()) as { id: string; name: string; role: string }[];
    const mine = lists.find((list) => list.name === "My todos" && list.role === "owner");
    if (!mine) throw new Error(`Ada has no "My todos": ${JSON.stringify(lists)}`);
    return `${server.url}/api/lists/${mine.id}/todos`;
  }

  // Functions passed to page.evaluate run in the page: they use only the page's globals (window.*).

  /**
   * Times a click in one window until the change is on screen in the other, with the browser's own
   * clocks (a DOM mutation observer in the watching window), not Playwright's polling.
   */
  async function timed(what: string, from: TodoPage, click: () => Promise<void>, to: TodoPage, until: Seen): Promise<void> {
    await from.page.evaluate(() => {
      const w = window as unknown as { clickedAt?: number };
      delete w.clickedAt;
      document.addEventListener("click", () => (w.clickedAt = window.performance.timeOrigin + window.performance.now()), { capture: true, once: true });
    });
    const seen = to.page.evaluate(watch, until);
    await click();

    const seenAt = await seen;
    const clickedAt = await from.page.evaluate(() => (window as unknown as { clickedAt: number }).clickedAt);
    const ms = seenAt - clickedAt;
    // A figure, reported in the table after the suite, not a bound: on a busy machine any bound
    // is either loose enough to mean nothing or tight enough to fail a build for the machine's sake.
    latencies.push({ what, ms });
  }

  it("showsAnAddInOneWindowInTheOther", async () => {
    await a.type("Buy oat milk");

    await timed("add in A, seen in B", a, () => a.clickAdd(), b, { name: "Buy oat milk", state: "shown" });

    // Confirmed in both: no pending mark once the server's answer (A) or the live change (B) is in.
    for (const each of [a, b]) await each.row("Buy oat milk").and(each.page.locator('[data-pending="false"]')).waitFor();
  });

  it("showsAToggleInTheSecondWindowInTheFirst", async () => {
    await b.add("Book flights to Lisbon");
    await a.row("Book flights to Lisbon").waitFor();

    await timed("toggle in B, seen in A", b, () => b.toggle("Book flights to Lisbon"), a, {
      name: "Book flights to Lisbon",
      state: "done",
    });

    expect(await a.page.locator(".count").innerText()).toBe("1 item left");
  });

  it("removesADeleteInOneWindowFromTheOther", async () => {
    await a.add("Throw this one away");
    await b.row("Throw this one away").waitFor();

    await timed("delete in A, gone in B", a, () => a.remove("Throw this one away"), b, {
      name: "Throw this one away",
      state: "gone",
    });
  });

  it("showsARenameInOneWindowInTheOther", async () => {
    await a.add("Reveiw pull request");
    await b.row("Reveiw pull request").waitFor();

    // The rename is saved by Enter, so this one is timed from the click on Rename: typing included.
    await timed("rename in A, seen in B", a, () => a.rename("Reveiw pull request", "Review Ana's pull request"), b, {
      name: "Review Ana's pull request",
      state: "shown",
    });
  });

  it("givenAServerRestart_thenBothWindowsReconnectAndShowEveryChangeMadeMeanwhile", async () => {
    const t0 = performance.now();
    await server.stop();
    await Promise.all([a.waitForState("reconnecting"), b.waitForState("reconnecting")]);
    const stopped = performance.now();

    await server.start();
    const started = performance.now();
    // Changes made by another client while the windows are still waiting to reconnect.
    const list = (await (await send("GET", api)).json()) as { id: string; name: string }[];
    const milk = list.find((todo) => todo.name === "Buy oat milk")!;
    const flights = list.find((todo) => todo.name === "Book flights to Lisbon")!;
    await send("POST", api, { name: "Water the plants" });
    await send("PUT", api, [{ id: milk.id, changes: { status: "completed" } }]);
    await send("DELETE", api, [flights.id]);

    for (const window of [a, b]) {
      await window.waitForState("live", 60_000);
      await window.row("Water the plants").waitFor({ timeout: 5_000 });
      await window.doneRow("Buy oat milk").waitFor({ timeout: 5_000 });
      await window.row("Book flights to Lisbon").waitFor({ state: "detached", timeout: 5_000 });
    }
    const live = performance.now();
    console.log(
      `restart: stopped in ${ms(stopped - t0)}, started in ${ms(started - stopped)}, both windows live and caught up ${ms(live - started)} later`,
    );
    await a.waitForNames(["Buy oat milk", "Review Ana's pull request", "Water the plants"]);
    await b.waitForNames(["Buy oat milk", "Review Ana's pull request", "Water the plants"]);
  });

  it("givenAnEditThatLostARace_thenItIsRolledBackAndThePersonIsTold", async () => {
    // A third window whose live frames can be held back, like a slow network.
    let holding = false;
    const held: (string | Buffer)[] = [];
    let route: WebSocketRoute | undefined;
    const c = await newWindow();
    await c.page.routeWebSocket(/\/ws(\?|$)/, (ws) => {
      route = ws;
      const upstream = ws.connectToServer();
      upstream.onMessage((message) => (holding ? held.push(message) : ws.send(message)));
    });
    await c.signIn(server.url, "Ada", PASSWORD);
    await a.add("Pick a name");
    await c.row("Pick a name").waitFor();

    holding = true;
    await a.rename("Pick a name", "Name from A");
    await b.row("Name from A").waitFor();
    await c.rename("Pick a name", "Name from C");

    await c.notice().filter({ hasText: "Someone else changed this todo first: it is now “Name from A”" }).waitFor({ timeout: 5_000 });
    const field = c.page.getByLabel("Todo name");
    expect(await field.inputValue()).toBe("Name from C");
    await field.press("Escape");
    await c.row("Name from A").waitFor({ timeout: 5_000 });
    expect(await c.row("Name from C").count()).toBe(0);
    holding = false;
    held.splice(0).forEach((message) => route?.send(message));
    expect(await a.row("Name from A").count()).toBe(1);
    expect(await b.row("Name from C").count()).toBe(0);
    await c.page.context().close();
  });

  it("givenARenameStartedBeforeSomeoneElsesRename_thenItIsRefusedAndTheTypedTextStays", async () => {
    await a.add("Shared chore");
    await b.row("Shared chore").waitFor();
    await b.row("Shared chore").getByRole("button", { name: /^Rename/ }).click();
    const field = b.page.getByLabel("Todo name");
    await field.fill("Name from B");

    await a.rename("Shared chore", "Name from A, first");
    await a.row("Name from A, first").and(a.page.locator('[data-pending="false"]')).waitFor({ timeout: 10_000 });
    // B's page has heard of A's rename (its live copy is in) while B still types.
    await b.page.getByRole("checkbox", { name: "Name from A, first" }).waitFor({ timeout: 10_000 });
    await field.press("Enter");

    await b.notice().filter({ hasText: "it is now “Name from A, first”" }).waitFor({ timeout: 10_000 });
    expect(await field.inputValue()).toBe("Name from B");
    expect(await a.row("Name from A, first").count()).toBe(1);
    await field.press("Escape");
    await b.row("Name from A, first").waitFor({ timeout: 10_000 });
    expect(await a.row("Name from B").count()).toBe(0);

    await b.row("Name from A, first").getByRole("button", { name: /^Rename/ }).click();
    await a.remove("Name from A, first");
    await b.notice().filter({ hasText: "deleted “Name from A, first” while you were editing it" }).waitFor({ timeout: 10_000 });
  });

  it("canBeUsedWithTheKeyboardAloneWithVisibleFocus", async () => {
    const page = a.page;
    await page.getByLabel("New todo").focus();
    await page.keyboard.type("Typed, not clicked");
    await page.keyboard.press("Enter");
    await b.row("Typed, not clicked").waitFor({ timeout: 10_000 });

    const checkbox = a.row("Typed, not clicked").locator(".toggle");
    await checkbox.focus();
    await page.keyboard.press("Space");
    await b.doneRow("Typed, not clicked").waitFor({ timeout: 10_000 });
    expect(await checkbox.evaluate((el) => getComputedStyle(el).boxShadow)).not.toBe("none");

    await page.keyboard.press("Tab"); // the row's Rename button
    await page.keyboard.press("Enter");
    await page.keyboard.type("Typed and renamed");
    await page.keyboard.press("Enter");
    await b.row("Typed and renamed").waitFor({ timeout: 10_000 });

    await a.row("Typed and renamed").getByRole("button", { name: /^Delete/ }).focus();
    await page.keyboard.press("Enter");
    await b.row("Typed and renamed").waitFor({ state: "detached", timeout: 10_000 });
  });

  it("givenADoubleClickOnAName_thenItOpensTheEditAndSendsNoWrite", async () => {
    await a.add("Double-click me");
    const puts: string[] = [];
    a.page.on("request", (request) => void (request.method() === "PUT" && puts.push(request.url())));

    await a.row("Double-click me").locator(".name").dblclick();

    const field = a.page.getByLabel("Todo name");
    await expect.poll(() => field.inputValue(), { timeout: 10_000 }).toBe("Double-click me");
    await field.press("Escape");
    // One write that surely goes out (the circle); once it is confirmed, every earlier write was sent.
    await a.toggle("Double-click me");
    await a.doneRow("Double-click me").and(a.page.locator('[data-pending="false"]')).waitFor({ timeout: 10_000 });
    expect(puts).toHaveLength(1);
    await a.remove("Double-click me");
    await b.row("Double-click me").waitFor({ state: "detached", timeout: 10_000 });
  });

  it("givenADoubleTapOnANameOnAPhone_thenItOpensTheEditAndSendsNoWrite", async () => {
    await a.add("Double-tap me");
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const page = new TodoPage(await phone.newPage());
    await page.signIn(server.url, "Ada", PASSWORD); // Ada again, on her phone: a context of its own
    const puts: string[] = [];
    page.page.on("request", (request) => void (request.method() === "PUT" && puts.push(request.url())));

    const name = page.row("Double-tap me").locator(".name");
    await name.tap();
    await name.tap();

    const field = page.page.getByLabel("Todo name");
    await expect.poll(() => field.inputValue(), { timeout: 10_000 }).toBe("Double-tap me");
    await field.press("Escape");
    await page.toggle("Double-tap me");
    await page.doneRow("Double-tap me").and(page.page.locator('[data-pending="false"]')).waitFor({ timeout: 10_000 });
    expect(puts).toHaveLength(1);
    await phone.close();
    await a.remove("Double-tap me");
    await b.row("Double-tap me").waitFor({ state: "detached", timeout: 10_000 });
  });

  it("givenAnAddTheServerRefuses_thenTheTextStaysInTheFieldAndRetrySendsIt", async () => {
    await a.page.route(TODOS, refuseAdds);
    await a.type("Do not lose me");
    await a.clickAdd();

    const notice = a.notice().filter({ hasText: "“Do not lose me” was not added. This add is refused on purpose." });
    await notice.waitFor({ timeout: 10_000 });
    await expect.poll(() => a.row("Do not lose me").count(), { timeout: 10_000 }).toBe(0);
    expect(await a.page.getByLabel("New todo").inputValue()).toBe("Do not lose me");

    await a.page.unroute(TODOS, refuseAdds);
    await notice.getByRole("button", { name: "Retry" }).click();
    await b.row("Do not lose me").waitFor({ timeout: 10_000 });
    await expect.poll(() => a.page.getByLabel("New todo").inputValue(), { timeout: 10_000 }).toBe("");
    await a.remove("Do not lose me");
    await b.row("Do not lose me").waitFor({ state: "detached", timeout: 10_000 });
  });

  it("givenAnAddWhileTheServerCannotBeReached_thenItWaitsPendingAndIsSentOnceItCanBe", async () => {
    let refused = 0;
    const unreachable = (route: Route) => {
      if (route.request().method() !== "POST") return route.fallback();
      refused++;
      return route.abort("connectionrefused");
    };
    await a.page.route(TODOS, unreachable);
    await a.type("Wait for me");
    await a.clickAdd();

    // Kept in the outbox, shown pending, tried again with backoff: nothing is rolled back or lost.
    await a.row("Wait for me").and(a.page.locator('[data-pending="true"]')).waitFor({ timeout: 10_000 });
    await expect.poll(() => refused, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    expect(await a.row("Wait for me").count()).toBe(1);
    expect(await a.notice().filter({ hasText: "Wait for me" }).count()).toBe(0);

    await a.page.unroute(TODOS, unreachable);
    await b.row("Wait for me").waitFor({ timeout: 60_000 });
    await a.row("Wait for me").and(a.page.locator('[data-pending="false"]')).waitFor({ timeout: 10_000 });
    await expect.poll(() => a.page.getByLabel("New todo").inputValue(), { timeout: 10_000 }).toBe("");
    await a.remove("Wait for me");
    await b.row("Wait for me").waitFor({ state: "detached", timeout: 10_000 });
  });

  it("filtersAndClearsCompleted", async () => {
    await a.page.getByRole("link", { name: "Active" }).click();
    await a.waitForNames(["Review Ana's pull request", "Water the plants", "Name from A"]);
    await a.page.getByRole("link", { name: "Completed" }).click();
    await a.waitForNames(["Buy oat milk"]);

    await a.page.getByRole("button", { name: "Clear completed" }).click();

    await a.page.getByText("Nothing completed yet").waitFor();
    await b.row("Buy oat milk").waitFor({ state: "detached", timeout: 10_000 });
    await a.page.getByRole("link", { name: "All" }).click();
    await a.waitForNames(["Review Ana's pull request", "Water the plants", "Name from A"]);
  });

  it("fitsAPhoneWidthScreen", async () => {
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const page = new TodoPage(await phone.newPage());
    await page.signIn(server.url, "Ada", PASSWORD);
    await page.row("Water the plants").waitFor();

    const overflow = await page.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await page.row("Water the plants").getByRole("button", { name: /^Delete/ }).isVisible()).toBe(true);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.page.screenshot({ path: path.join(SCREENSHOTS, "phone.png") });
    await phone.close();
  });

  it("savesAScreenshotOfTwoWindowsSideBySide", async () => {
    await b.add("Call the plumber");
    await a.row("Call the plumber").waitFor();
    await b.rename("Name from A", "Plan the team offsite");
    await a.row("Plan the team offsite").waitFor();
    await a.toggle("Review Ana's pull request");
    await b.doneRow("Review Ana's pull request").waitFor();
    for (const each of [a, b]) {
      await each.page.mouse.move(0, 0);
      await each.page.evaluate(() => (window.document.activeElement as HTMLElement | null)?.blur());
    }

    const [left, right] = await Promise.all([a.page.screenshot(), b.page.screenshot()]);
    const sideBySide = await browser.newPage({ viewport: { width: WINDOW.width * 2 + 72, height: WINDOW.height + 96 } });
    await sideBySide.setContent(twoWindows(left, right));
    mkdirSync(SCREENSHOTS, { recursive: true });
    const file = path.join(SCREENSHOTS, "two-windows.png");
    await sideBySide.screenshot({ path: file });
    writeFileSync(path.join(SCREENSHOTS, "latency.json"), JSON.stringify(latencies, null, 2));
    expect((await sideBySide.locator("img").evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth)))).toEqual([
      WINDOW.width,
      WINDOW.width,
    ]);
  });

  it("showsRightToLeftNamesInTheirOwnDirection", async () => {
    await a.add("שלום עולם");
    expect(await a.row("שלום עולם").locator(".name").evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");
    await a.type("مرحبا");
    expect(await a.page.getByLabel("New todo").evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");
    await a.type("");
    await a.remove("שלום עולם");
  });

  it("passesAxeInLightAndDarkModeWithANoticeShownAndAnEditOpen", async () => {
    await a.page.mouse.move(0, 0);
    const refuse = refuseAdds;
    for (const colorScheme of ["light", "dark"] as const) {
      await a.page.emulateMedia({ colorScheme });
      expect(await accessibilityProblems(a.page), `${colorScheme}: the list`).toEqual([]);

      await a.page.route(TODOS, refuse);
      await a.type(`Refused in ${colorScheme} mode`);
      await a.clickAdd();
      const notice = a.notice().filter({ hasText: `Refused in ${colorScheme} mode` });
      await notice.getByRole("button", { name: "Retry" }).waitFor({ timeout: 10_000 });
      await a.page.unroute(TODOS, refuse);
      expect(await accessibilityProblems(a.page), `${colorScheme}: with a notice`).toEqual([]);
      await notice.getByRole("button", { name: "Dismiss" }).click();
      await a.type("");

      await a.row("Call the plumber").getByRole("button", { name: /^Rename/ }).click();
      expect(await accessibilityProblems(a.page), `${colorScheme}: with an edit open`).toEqual([]);
      await a.page.getByLabel("Todo name").press("Escape");
    }
    await a.page.emulateMedia({ colorScheme: null });
  });

  it("givenSomeoneNotSignedIn_thenTheIssuersSignInAndSignUpPagesPassAxe", async () => {
    const stranger = await browser.newContext({ viewport: WINDOW });
    const page = await stranger.newPage();
    await page.goto(server.url);

    await page.getByRole("button", { name: "Sign in" }).waitFor();
    expect(await accessibilityProblems(page), "the issuer's sign-in page").toEqual([]);
    await page.getByRole("link", { name: "Sign up" }).click();
    await page.getByRole("button", { name: "Sign up" }).waitFor();
    expect(await accessibilityProblems(page), "the issuer's sign-up page").toEqual([]);
    await stranger.close();
  });

  it("marksAllCompleteInBatchesOfAtMost97", async () => {
    for (let i = 1; i <= 120; i++) await send("POST", api, { name: `Bulk ${i}` });
    await a.row("Bulk 120").waitFor({ timeout: 10_000 });
    const batches: number[] = [];
    a.page.on("request", (request) => {
      if (request.method() === "PUT") batches.push((JSON.parse(request.postData() ?? "[]") as unknown[]).length);
    });
    const pending = await a.page.locator('[data-testid="todo"]:not(.done)').count();

    await a.page.getByLabel("Mark all as complete").check();

    await expect.poll(() => b.page.locator('[data-testid="todo"]:not(.done)').count(), { timeout: 30_000 }).toBe(0);
    expect(Math.max(...batches)).toBeLessThanOrEqual(97);
    expect(batches.reduce((sum, n) => sum + n, 0)).toBe(pending);
    await a.page.getByLabel("Mark all as active").uncheck();
    await expect.poll(() => b.page.locator('[data-testid="todo"].done').count(), { timeout: 30_000 }).toBe(0);
  });
});

/** The server refuses every add, as it refuses a malformed one: final (an unreachable server or a 5xx is tried again). */
function refuseAdds(route: Route): Promise<void> {
  if (route.request().method() !== "POST") return route.fallback();
  return route.fulfill({
    status: 400,
    contentType: "application/problem+json",
    body: JSON.stringify({ type: "/problems/invalid-request", title: "Invalid request", status: 400, detail: "This add is refused on purpose." }),
  });
}

function ms(value: number): string {
  return `${(value / 1000).toFixed(1)} s`;
}

interface Seen {
  name: string;
  state: "shown" | "done" | "gone";
}

/** Runs in the watching window: resolves with the time the row reaches the state. */
function watch({ name, state }: Seen): Promise<number> {
  return new Promise((resolve) => {
    const reached = () => {
      const row = [...document.querySelectorAll('[data-testid="todo"]')].find(
        (li) => li.querySelector(".name")?.textContent === name,
      );
      return state === "gone" ? !row : state === "done" ? !!row?.classList.contains("done") : !!row;
    };
    const settle = () => {
      if (!reached()) return;
      observer.disconnect();
      resolve(window.performance.timeOrigin + window.performance.now());
    };
    const observer = new MutationObserver(settle);
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    settle();
  });
}

function twoWindows(left: Buffer, right: Buffer): string {
  const frame = (png: Buffer, title: string) => `
    <figure><figcaption><i></i><i></i><i></i><span>${title}</span></figcaption>
    <img src="data:image/png;base64,${png.toString("base64")}"></figure>`;
  return `<!doctype html><style>
    body{margin:0;display:flex;gap:24px;justify-content:center;align-items:flex-start;padding:36px 24px;
      background:linear-gradient(135deg,#c7d2fe,#e9d5ff);font:13px system-ui,sans-serif}
    figure{margin:0;border-radius:12px;overflow:hidden;box-shadow:0 20px 40px -12px rgba(30,27,75,.45);background:#fff}
    figcaption{display:flex;align-items:center;gap:6px;height:28px;padding:0 12px;background:#e5e7eb;color:#4b5563}
    figcaption i{width:11px;height:11px;border-radius:50%;background:#f87171}figcaption i+i{background:#fbbf24}
    figcaption i+i+i{background:#34d399}figcaption span{margin-left:10px}img{display:block}
  </style>${frame(left, "Window A — localhost:8080")}${frame(right, "Window B — localhost:8080")}`;
}
