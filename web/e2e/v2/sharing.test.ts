import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../chromium";
import { LivetodosServer } from "../server";
import { TodoPage } from "../todoPage";

// Runs against a server that serves v2 (lists, tickets, the local issuer): `npm run
// test:browser:v2`. The default browser run (`mvn -Pbrowser`) leaves it out until then.

const WINDOW = { width: 480, height: 720 };

describe("two people sharing a list", () => {
  let dataDir: string;
  let server: LivetodosServer;
  let browser: Browser;
  let ada: TodoPage;
  let bob: TodoPage;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "livetodos-e2e-v2-"));
    [server, browser] = await Promise.all([LivetodosServer.start({ dataDir }), launchChromium()]);
    // Separate contexts: separate storage, so two separate sign-ins.
    ada = new TodoPage(await (await browser.newContext({ viewport: WINDOW })).newPage());
    bob = new TodoPage(await (await browser.newContext({ viewport: WINDOW })).newPage());
    await ada.signUp(server.url, "Ada", "correct horse battery");
    await bob.signUp(server.url, "Bob", "staple paper clip");
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("givesEveryoneTheirOwnMyTodosOnFirstSignIn", async () => {
    expect(await ada.lists()).toEqual(["My todos"]);
    expect(await ada.openList()).toBe("My todos");
    expect(await bob.lists()).toEqual(["My todos"]);
  });

  it("sharesAListByLinkAndShowsEachOthersEditsLive", async () => {
    await ada.createList("Groceries");
    await ada.add("Milk");
    const link = await ada.share("editor");
    expect(link).toMatch(/\/#\/invite\//);

    await bob.acceptInvite(link);

    expect(await bob.openList()).toBe("Groceries");
    expect(new URL(bob.page.url()).hash).not.toContain("invite");
    await bob.waitForNames(["Milk"]);
    await bob.add("Bread");
    await ada.waitForNames(["Milk", "Bread"]);
    await ada.toggle("Bread");
    await bob.doneRow("Bread").waitFor();
    expect(await ada.members()).toEqual(["Ada (Owner)", "Bob (Can edit)"]);
  });

  it("keepsAPrivateListPrivate", async () => {
    await ada.switchToList("My todos");
    await ada.add("Ada's secret");

    await bob.switchToList("My todos");

    expect(await bob.lists()).toEqual(["My todos", "Groceries"]);
    expect(await bob.names()).not.toContain("Ada's secret");
  });

  it("givenAViewer_thenTheListIsShownReadOnly", async () => {
    await ada.createList("Plans");
    await ada.add("Book flights");
    const link = await ada.share("viewer");

    await bob.acceptInvite(link);

    await bob.waitForNames(["Book flights"]);
    expect(await bob.isViewOnly()).toBe(true);
    await expect(bob.row("Book flights").locator(".toggle").isDisabled()).resolves.toBe(true);
    const axe = await new AxeBuilder({ page: bob.page }).analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
  });

  it("givenTheOwnerRemovesSomeone_thenTheListLeavesTheirPageAtOnce", async () => {
    await ada.switchToList("Groceries");
    await bob.switchToList("Groceries");

    await ada.removeMember("Bob");

    await bob.listLink("Groceries").waitFor({ state: "detached", timeout: 10_000 });
    await bob.notice().getByText("This list is gone or you are no longer a member.").waitFor();
    expect(await bob.openList()).not.toBe("Groceries");
    expect(await ada.members()).toEqual(["Ada (Owner)"]);
  });

  it("letsAMemberLeaveAList", async () => {
    await bob.switchToList("Plans");

    await bob.leaveList();

    expect(await bob.lists()).toEqual(["My todos"]);
    await ada.switchToList("Plans");
    expect(await ada.members()).toEqual(["Ada (Owner)"]);
  });
});
