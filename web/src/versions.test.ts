import { describe, expect, it } from "vitest";
import type { Todo, TodoChange } from "./todo";
import { VersionGate } from "./versions";

const todo = (id: string, version: number, name = `${id} v${version}`): Todo => ({
  id,
  name,
  status: "pending",
  version,
  createdAt: "2026-01-01T00:00:00Z",
  updatedAt: "2026-01-01T00:00:00Z",
});
const upsert = (t: Todo): TodoChange => ({ op: "upsert", todo: t });
const remove = (id: string, version: number): TodoChange => ({ op: "delete", id, version });

describe("VersionGate", () => {
  it("appliesAChangeOnlyWhenItIsNewerThanWhatIsHeld", () => {
    const gate = new VersionGate();
    gate.snapshot([todo("a", 3)]);

    expect(gate.plan([upsert(todo("a", 2))])).toEqual({ upserts: [], deletes: [] });
    expect(gate.plan([upsert(todo("a", 3))])).toEqual({ upserts: [], deletes: [] });
    expect(gate.plan([upsert(todo("a", 4))]).upserts).toEqual([todo("a", 4)]);
    expect(gate.versionOf("a")).toBe(4);
  });

  it("givenTheSameChangeTwice_thenItIsWrittenOnce", () => {
    const gate = new VersionGate();

    const first = gate.plan([upsert(todo("a", 1))]);
    const again = gate.plan([upsert(todo("a", 1))]);

    expect(first.upserts).toHaveLength(1);
    expect(again.upserts).toHaveLength(0);
  });

  it("coalescesChangesToOneTodoWithinABatchToTheNewest", () => {
    const gate = new VersionGate();

    const writes = gate.plan([upsert(todo("a", 1)), upsert(todo("b", 1)), upsert(todo("a", 3)), upsert(todo("a", 2))]);

    expect(writes.upserts).toEqual([todo("a", 3), todo("b", 1)]);
  });

  it("coalescesAnUpsertFollowedByItsDeleteToTheDelete", () => {
    const gate = new VersionGate();
    gate.snapshot([todo("a", 1)]);

    const writes = gate.plan([upsert(todo("a", 2)), remove("a", 3)]);

    expect(writes).toEqual({ upserts: [], deletes: ["a"] });
  });

  it("givenADeleteOfATodoItDoesNotHold_thenNothingIsWritten", () => {
    const gate = new VersionGate();
    gate.snapshot([todo("a", 1)]);

    expect(gate.plan([remove("unknown", 7)])).toEqual({ upserts: [], deletes: [] });
    expect(gate.plan([upsert(todo("unknown", 6))])).toEqual({ upserts: [], deletes: [] });
  });

  it("givenADeletedTodo_thenALateCopyOfAnOlderUpsertDoesNotBringItBack", () => {
    const gate = new VersionGate();
    gate.snapshot([todo("a", 2)]);

    gate.plan([remove("a", 3)]);

    expect(gate.plan([upsert(todo("a", 2))]).upserts).toEqual([]);
    expect(gate.versionOf("a")).toBeUndefined();
  });

  it("givenASnapshotWithoutATodo_thenItCountsAsGoneAndItsDeleteWritesNothing", () => {
    const gate = new VersionGate();
    gate.snapshot([todo("a", 1), todo("b", 1)]);

    gate.snapshot([todo("b", 2)]);

    expect(gate.versionOf("a")).toBeUndefined();
    expect(gate.plan([remove("a", 2)])).toEqual({ upserts: [], deletes: [] });
    expect(gate.versionOf("b")).toBe(2);
  });

  it("givenOwnDeleteAnswer_thenTheLiveDeleteThatFollowsIsADuplicate", () => {
    const gate = new VersionGate();
    gate.snapshot([todo("a", 4)]);

    const own = gate.plan(gate.deletedChanges(["a"]));
    const live = gate.plan([remove("a", 5)]);

    expect(own.deletes).toEqual(["a"]);
    expect(live).toEqual({ upserts: [], deletes: [] });
  });
});
