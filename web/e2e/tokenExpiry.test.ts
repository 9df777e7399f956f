import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./chromium";
import { LivetodosServer } from "./server";
import { TodoPage } from "./todoPage";

/**
 * Long enough that the page's silent renewal (a minute before expiry) is not due at once, short
 * enough that a test sees the server end a socket whose token has expired (close code 4401).
 */
const TOKEN_LIFETIME_SECONDS = 75;

describe("a live connection whose person's token expires", () => {
  let dataDir: string;
  let server: LivetodosServer;
  let browser: Browser;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "livetodos-e2e-expiry-"));
    [server, browser] = await Promise.all([
      LivetodosServer.start({ dataDir, args: [`--livetodos.issuer.access-token-lifetime=${TOKEN_LIFETIME_SECONDS}s`] }),
      launchChromium(),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("givenTheServerClosesTheSocketWith4401_thenThePageReconnectsWithANewTicketAndNeverShowsReconnecting", async () => {
    const context = await browser.newContext({ viewport: { width: 560, height: 620 } });
    // Every state the badge ever shows, from the first moment the page's document exists, and
    // the code every socket of the page was closed with.
    await context.addInitScript(() => {
      const w = window as unknown as { badgeStates: string[]; closeCodes: number[] };
      w.badgeStates = [];
      w.closeCodes = [];
      const Native = window.WebSocket;
      window.WebSocket = class extends Native {
        constructor(url: string | URL, protocols?: string | string[]) {
          super(url, protocols);
          this.addEventListener("close", (event) => w.closeCodes.push(event.code));
        }
      };
      new MutationObserver(() => {
        const state = document.querySelector(".badge")?.getAttribute("data-state");
        if (state && w.badgeStates.at(-1) !== state) w.badgeStates.push(state);
      }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-state"] });
    });
    const page = new TodoPage(await context.newPage());
    const sockets: string[] = [];
    page.page.on("websocket", (ws) => void sockets.push(ws.url()));
    await page.signUp(server.url, "Ada", "correct horse battery staple");
    await page.add("Before the token expires");

    // The server ends the first socket when the token behind its ticket expires.
    await expect.poll(() => sockets.length, { timeout: (TOKEN_LIFETIME_SECONDS + 60) * 1_000, interval: 1_000 }).toBeGreaterThanOrEqual(2);
    await page.waitForState("live");

    const tickets = sockets.map((url) => new URL(url).searchParams.get("ticket"));
    expect(tickets.every((ticket) => ticket !== null && ticket.length > 0)).toBe(true);
    expect(new Set(tickets).size).toBe(tickets.length); // each connection its own single-use ticket
    const { states, closeCodes } = await page.page.evaluate(() => {
      const w = window as unknown as { badgeStates: string[]; closeCodes: number[] };
      return { states: w.badgeStates, closeCodes: w.closeCodes };
    });
    expect(closeCodes[0]).toBe(4401); // the server's planned close, not a lost connection
    expect(states).not.toContain("reconnecting");
    expect(states).not.toContain("offline");
    expect(states.at(-1)).toBe("live");

    // The new connection is live: a change made elsewhere, with the renewed token, arrives on it.
    const authorization = `Bearer ${await page.accessToken()}`;
    const lists = (await (await fetch(`${server.url}/api/lists`, { headers: { Authorization: authorization } })).json()) as { id: string }[];
    const response = await fetch(`${server.url}/api/lists/${lists[0]!.id}/todos`, {
      method: "POST",
      headers: { Authorization: authorization, "Content-Type": "application/json" },
      body: JSON.stringify({ name: "After the token was renewed" }),
    });
    expect(response.status).toBe(201);
    await page.row("After the token was renewed").waitFor({ timeout: 10_000 });
    await context.close();
  }, 240_000);
});
