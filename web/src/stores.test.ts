import { describe, expect, it, vi } from "vitest";
import type { TodoStore } from "./collection";
import { TodoStores } from "./stores";

/** A store as the pool sees it: made for a list, busy while a write is being sent, disposed once. */
function fakeStore(listId: string) {
  let finish!: () => void;
  let busy: Promise<void> = Promise.resolve();
  const store = {
    listId,
    dispose: vi.fn(async () => undefined),
    idle: () => busy,
    sending() {
      busy = new Promise<void>((resolve) => (finish = resolve));
    },
    answered: () => finish(),
  };
  return store;
}

function given() {
  const made: ReturnType<typeof fakeStore>[] = [];
  const stores = new TodoStores((listId) => {
    const store = fakeStore(listId);
    made.push(store);
    return store as unknown as TodoStore;
  });
  return { stores, made };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("the lists' stores on the page", () => {
  it("givesEveryoneWhoAsksForAListTheSameStore", () => {
    const { stores, made } = given();

    const open = stores.acquire("l1");
    const outbox = stores.acquire("l1");

    expect(outbox).toBe(open);
    expect(made).toHaveLength(1);
  });

  it("givenTheOutboxStillHoldsAList_thenLeavingItKeepsItsStore", async () => {
    const { stores, made } = given();
    stores.acquire("l1"); // open
    stores.acquire("l1"); // the outbox has a write for it

    stores.release("l1"); // the person opens another list
    await settle();

    expect(made[0]!.dispose).not.toHaveBeenCalled();
    expect(stores.get("l1")).toBe(made[0]);
  });

  it("givenAStoreStillSending_thenItGoesOnlyOnceAnsweredAndStaysIfWantedAgainMeanwhile", async () => {
    const { stores, made } = given();
    stores.acquire("l1");
    made[0]!.sending();

    stores.release("l1");
    await settle();
    expect(made[0]!.dispose).not.toHaveBeenCalled();
    const again = stores.acquire("l1"); // the person comes back before the answer
    made[0]!.answered();
    await settle();

    expect(again).toBe(made[0]);
    expect(made[0]!.dispose).not.toHaveBeenCalled();
    stores.release("l1");
    await settle();
    expect(made[0]!.dispose).toHaveBeenCalledWith();
    expect(stores.get("l1")).toBeUndefined();
  });

  it("givenAListThatIsGone_thenItsStoreGoesAtOnceWhoeverHoldsIt", async () => {
    const { stores, made } = given();
    stores.acquire("l1");
    stores.acquire("l1");

    stores.release("l1", true);

    expect(made[0]!.dispose).toHaveBeenCalledWith(true);
    expect(stores.get("l1")).toBeUndefined();
    expect(stores.acquire("l1")).not.toBe(made[0]);
  });
});
