import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessibilityProblems } from "./axe";
import { launchChromium } from "./chromium";
import { LivetodosServer } from "./server";
import { TodoPage } from "./todoPage";

const WINDOW = { width: 480, height: 720 };
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
const SCREENSHOTS = path.resolve("target/screenshots");
const ADA_PASSWORD = "correct horse battery";
const BOB_PASSWORD = "staple paper clip";

/**
 * Two people, Ada and Bob, each signed up in a browser context of their own, share lists by link.
 * Seeing the other's edits and losing a list at once rely on the server sending each person the
 * live frames of their lists ("Live changes v2").
 */

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
    await ada.signUp(server.url, "Ada", ADA_PASSWORD);
    await bob.signUp(server.url, "Bob", BOB_PASSWORD);
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
    // Live both ways: from `changes` frames of the list (or, from a server that still sends v1's
    // unscoped frames, by reading the open list again on each).
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

  it("passesAxeWithTheShareDialogOpenInLightAndDarkMode", async () => {
    await ada.switchToList("Groceries");
    for (const colorScheme of ["light", "dark"] as const) {
      await ada.page.emulateMedia({ colorScheme });
      await ada.page.getByRole("button", { name: "Share", exact: true }).click();
      const dialog = ada.page.getByRole("dialog");
      await dialog.getByTestId("member").nth(1).waitFor();
      await dialog.getByRole("button", { name: "Create invite link" }).click();
      await dialog.getByLabel(/^Invite link/).waitFor();

      expect(await accessibilityProblems(ada.page), `${colorScheme}: the share dialog`).toEqual([]);
      await ada.page.keyboard.press("Escape");
      await dialog.waitFor({ state: "detached" });
    }
    await ada.page.emulateMedia({ colorScheme: null });
    expect(await accessibilityProblems(ada.page), "the page with its list switcher").toEqual([]);
  });

  it("sharesWithTheKeyboardAloneAndGivesTheFocusBackWhenTheDialogCloses", async () => {
    const page = ada.page;
    const share = page.getByRole("button", { name: "Share", exact: true });
    await share.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    await expect.poll(() => dialog.evaluate((element) => element.contains(window.document.activeElement))).toBe(true);

    await dialog.getByLabel("View only (viewer)").focus();
    await page.keyboard.press("Space");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => window.document.activeElement?.textContent)).toBe("Create invite link");
    await page.keyboard.press("Enter");

    const link = dialog.getByLabel(/^Invite link/);
    await expect.poll(() => link.inputValue()).toMatch(/\/#\/invite\//);
    expect(await dialog.getByLabel("View only (viewer)").isChecked()).toBe(true);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    await expect.poll(() => share.evaluate((element) => element === window.document.activeElement)).toBe(true);
  });

  it("fitsAPhoneWidthScreenWithTheListsAndTheMembersDialog", async () => {
    const context = await browser.newContext(PHONE);
    const phone = new TodoPage(await context.newPage());
    await phone.signIn(server.url, "Bob", BOB_PASSWORD); // Bob again, on his phone
    await phone.switchToList("Groceries");
    await phone.waitForNames(["Milk", "Bread"]);

    const overflow = () => phone.page.evaluate(() => window.document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    expect(await phone.listLink("My todos").isVisible()).toBe(true);
    await phone.page.getByRole("button", { name: "Members", exact: true }).click();
    const dialog = phone.page.getByRole("dialog");
    await dialog.getByTestId("member").nth(1).waitFor();
    const box = await dialog.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.viewport.width);
    expect(await overflow()).toBeLessThanOrEqual(0);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await phone.page.screenshot({ path: path.join(SCREENSHOTS, "phone-members.png") });
    await context.close();
  });

  it("givenTheOwnerRemovesSomeone_thenTheListLeavesTheirPageAtOnce", async () => {
    await ada.switchToList("Groceries");
    await bob.switchToList("Groceries");

    await ada.removeMember("Bob");

    // Bob's page hears of it only from the server's `list removed` frame (a scoped fan-out):
    // nothing of the list changes, so nothing else would tell it.
    await bob.listLink("Groceries").waitFor({ state: "detached", timeout: 10_000 });
    await bob.notice().getByText("This list is gone or you are no longer a member.").waitFor();
    expect(await bob.openList()).not.toBe("Groceries");
    expect(await ada.members()).toEqual(["Ada (Owner)"]);
  });

  it("letsAMemberLeaveAList", async () => {
    await bob.switchToList("Plans");
    const answered = bob.page.waitForResponse((response) => response.request().method() === "DELETE" && response.url().includes("/members/"));

    await bob.leaveList();

    expect(await bob.lists()).not.toContain("Plans");
    // What the server now says are Bob's lists (Groceries too is gone: Ada removed him), once it
    // has answered: a reload before that cancels the request, and the server may not have had it.
    expect((await answered).status()).toBe(204);
    await bob.page.reload();
    await bob.waitForState("live");
    await expect.poll(() => bob.lists()).toEqual(["My todos"]);
    await ada.switchToList("Plans");
    expect(await ada.members()).toEqual(["Ada (Owner)"]);
  });
});
