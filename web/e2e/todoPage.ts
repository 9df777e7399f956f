import type { Locator, Page } from "playwright-core";

/** One browser window on livetodos, driven the way a person uses it. */
export class TodoPage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.waitForState("live");
  }

  async waitForState(state: "live" | "reconnecting" | "offline", timeout = 30_000): Promise<void> {
    await this.page.locator(`.badge[data-state="${state}"]`).waitFor({ timeout });
  }

  row(name: string): Locator {
    return this.page.getByTestId("todo").filter({ has: this.page.locator(".name").getByText(name, { exact: true }) });
  }

  doneRow(name: string): Locator {
    return this.page.locator('[data-testid="todo"].done').filter({ has: this.page.locator(".name").getByText(name, { exact: true }) });
  }

  names(): Promise<string[]> {
    return this.page.locator('[data-testid="todo"] .name').allInnerTexts();
  }

  /** Waits until the list shows exactly these names, in this order (a re-render may be pending). */
  async waitForNames(expected: string[], timeout = 5_000): Promise<void> {
    await this.page
      .waitForFunction(
        (names) =>
          JSON.stringify(Array.from(window.document.querySelectorAll('[data-testid="todo"] .name'), (e) => e.textContent)) ===
          JSON.stringify(names),
        expected,
        { timeout },
      )
      .catch(async (error: unknown) => {
        throw new Error(`expected the list ${JSON.stringify(expected)}, saw ${JSON.stringify(await this.names())}`, { cause: error });
      });
  }

  async type(name: string): Promise<void> {
    await this.page.getByLabel("New todo").fill(name);
  }

  async clickAdd(): Promise<void> {
    await this.page.getByRole("button", { name: "Add", exact: true }).click();
  }

  async add(name: string): Promise<void> {
    await this.type(name);
    await this.clickAdd();
    await this.row(name).waitFor();
  }

  async toggle(name: string): Promise<void> {
    await this.row(name).locator(".toggle").click();
  }

  async remove(name: string): Promise<void> {
    await this.row(name).getByRole("button", { name: /^Delete/ }).click();
  }

  async rename(name: string, newName: string): Promise<void> {
    await this.row(name).getByRole("button", { name: /^Rename/ }).click();
    const field = this.page.getByLabel("Todo name");
    await field.fill(newName);
    await field.press("Enter");
  }

  notice(): Locator {
    return this.page.getByTestId("notice");
  }

  /**
   * Opens the page and signs up on the local issuer's pages (fields "Name" and "Password",
   * buttons "Sign in" and "Sign up"; the sign-in page links to the sign-up page), then waits
   * until the page is back, signed in and live. Everyone in this window's browser context shares
   * the sign-in from then on.
   */
  async signUp(url: string, name: string, password: string): Promise<void> {
    await this.page.goto(url);
    await this.page.getByRole("link", { name: "Sign up" }).click();
    await this.page.getByLabel("Name").fill(name);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign up" }).click();
    await this.waitForState("live");
  }

  /** Opens the page and signs in on the local issuer's sign-in page as someone who signed up before. */
  async signIn(url: string, name: string, password: string): Promise<void> {
    await this.page.goto(url);
    await this.page.getByLabel("Name").fill(name);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
    await this.waitForState("live");
  }

  /**
   * The signed-in person's current access token, as the page keeps it (oidc-client-ts's user in
   * local storage), so a test can call the API as that person the way a script would.
   */
  async accessToken(): Promise<string> {
    const token = await this.page.evaluate(() => {
      const storage = window.localStorage;
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i);
        if (key?.startsWith("livetodos.oidc.user:")) return (JSON.parse(storage.getItem(key) ?? "{}") as { access_token?: string }).access_token;
      }
      return undefined;
    });
    if (!token) throw new Error("this window is not signed in");
    return token;
  }

  // Version 2: people, lists and sharing.

  /** The names in the list switcher, in its order. */
  lists(): Promise<string[]> {
    return this.page.getByRole("navigation", { name: "Your lists" }).locator(".list-tab-name").allInnerTexts();
  }

  /** The open list's name (its heading). */
  async openList(): Promise<string> {
    return (await this.page.locator("#list-title").innerText()).trim();
  }

  async switchToList(name: string): Promise<void> {
    await this.listLink(name).click();
    await this.page.locator("#list-title").getByText(name, { exact: true }).waitFor();
  }

  listLink(name: string): Locator {
    return this.page
      .getByRole("navigation", { name: "Your lists" })
      .getByRole("link")
      .filter({ has: this.page.locator(".list-tab-name").getByText(name, { exact: true }) });
  }

  /** Creates a list and waits until it is open. */
  async createList(name: string): Promise<void> {
    await this.page.getByRole("button", { name: "+ New list" }).click();
    await this.page.getByLabel("List name").fill(name);
    await this.page.getByRole("button", { name: "Create", exact: true }).click();
    await this.page.locator("#list-title").getByText(name, { exact: true }).waitFor();
  }

  async renameList(newName: string): Promise<void> {
    await this.page.getByRole("button", { name: "Rename list" }).click();
    const field = this.page.getByLabel("List name");
    await field.fill(newName);
    await field.press("Enter");
    await this.page.locator("#list-title").getByText(newName, { exact: true }).waitFor();
  }

  async deleteList(): Promise<void> {
    await this.page.getByRole("button", { name: "Delete list" }).click();
    await this.page.getByRole("dialog").getByRole("button", { name: "Delete list" }).click();
  }

  /** As the owner: opens the share dialog, creates an invite with the role, and answers its link. */
  async share(role: "editor" | "viewer"): Promise<string> {
    await this.page.getByRole("button", { name: "Share", exact: true }).click();
    const dialog = this.page.getByRole("dialog");
    await dialog.getByLabel(role === "editor" ? "Edit (editor)" : "View only (viewer)").check();
    await dialog.getByRole("button", { name: "Create invite link" }).click();
    const link = await dialog.getByLabel(/^Invite link/).inputValue();
    await this.closeDialog();
    return link;
  }

  /** Opens an invite link signed in; waits until the list it is for is open. */
  async acceptInvite(link: string): Promise<void> {
    await this.page.goto(link);
    await this.page.waitForFunction(() => window.location.hash.startsWith("#/list/"));
    await this.page.locator("#list-title").waitFor();
    await this.waitForState("live");
  }

  /** The open list's members as "name (role)", from the share or members dialog. */
  async members(): Promise<string[]> {
    await this.openMembers();
    const dialog = this.page.getByRole("dialog");
    const rows = dialog.getByTestId("member");
    await rows.first().waitFor();
    const members = await rows.evaluateAll((items) =>
      items.map((item) => `${item.querySelector(".member-name")?.textContent?.replace(/ \(you\)$/, "")} (${item.querySelector(".tag")?.textContent})`),
    );
    await this.closeDialog();
    return members;
  }

  /** As the owner: removes a member of the open list. */
  async removeMember(name: string): Promise<void> {
    await this.openMembers();
    const dialog = this.page.getByRole("dialog");
    await dialog.getByRole("button", { name: `Remove ${name}` }).click();
    await dialog.getByRole("button", { name: `Remove ${name}` }).waitFor({ state: "detached" });
    await this.closeDialog();
  }

  /** As a member who is not the owner: leaves the open list. */
  async leaveList(): Promise<void> {
    const name = await this.openList();
    await this.page.getByRole("button", { name: "Leave list" }).click();
    await this.page.getByRole("dialog").getByRole("button", { name: "Leave list" }).click();
    await this.listLink(name).waitFor({ state: "detached" });
  }

  /** Whether the open list is shown read-only ("View only"). */
  async isViewOnly(): Promise<boolean> {
    return (await this.page.locator(".view-only").count()) > 0 && (await this.page.getByLabel("New todo").count()) === 0;
  }

  private async openMembers(): Promise<void> {
    await this.page.getByRole("button", { name: /^(Share|Members)$/ }).click();
    await this.page.getByRole("dialog").waitFor();
  }

  private async closeDialog(): Promise<void> {
    await this.page.keyboard.press("Escape");
    await this.page.getByRole("dialog").waitFor({ state: "detached" });
  }
}
