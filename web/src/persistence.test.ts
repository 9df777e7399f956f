import { describe, expect, it, vi } from "vitest";
import { databaseName, openPersistence } from "./persistence";
import { MemoryPersistence } from "./testing/memoryPersistence";

describe("the person's database in the browser", () => {
  it("givenTwoPeople_thenEachHasADatabaseOfTheirOwnWhoseNameSaysNothingAboutThem", async () => {
    const ada = await databaseName("ada@example.com");
    const bob = await databaseName("bob@example.com");

    expect(ada).toMatch(/^livetodos-[0-9a-f]{32}$/);
    expect(bob).not.toBe(ada);
    expect(await databaseName("ada@example.com")).toBe(ada);
    expect(ada).not.toContain("ada");
  });

  it("opensTheDatabaseNamedForThePerson", async () => {
    const db = new MemoryPersistence();
    const open = vi.fn(async () => db.persistence());

    const persistence = await openPersistence("ada", { open });

    expect(open).toHaveBeenCalledWith(await databaseName("ada"));
    expect(persistence?.adapter).toBe(db.adapter);
  });

  it("givenABrowserWithoutOPFS_thenThePageGoesOnInMemory", async () => {
    const onUnavailable = vi.fn();

    // Node has no OPFS, no Worker: the real opener fails as such a browser does.
    const persistence = await openPersistence("ada", { onUnavailable });

    expect(persistence).toBeUndefined();
    expect(onUnavailable).toHaveBeenCalledOnce();
  });

  it("givenADatabaseThatDoesNotOpenInTime_thenThePageGoesOnInMemory", async () => {
    const persistence = await openPersistence("ada", { open: () => new Promise(() => undefined), deadlineMs: 20 });

    expect(persistence).toBeUndefined();
  });
});
