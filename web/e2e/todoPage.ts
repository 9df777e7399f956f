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
}
