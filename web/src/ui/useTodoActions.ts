import { useMemo } from "react";
import { ApiError } from "../api";
import { type TodoStore, type Written, refusalOf } from "../collection";
import { newTodoId } from "../ids";
import type { Notices } from "../notices";
import type { Todo, TodoStatus } from "../todo";

/**
 * Batches go out in the API's largest size: 97, since the store's 100-action transaction also
 * carries the check that the writer may write to the list, the list's next `seq` and the write's
 * idempotency record.
 */
export const MAX_BATCH = 97;

/**
 * What a person can do to the list. Each call changes the collection at once (optimistically);
 * the store's writer sends it (at once, or kept in the outbox until the server confirms it) and
 * rolls it back, with a notice, if refused.
 */
export function useTodoActions(store: TodoStore, notices: Notices) {
  return useMemo(() => {
    const todos = store.collection;
    const writes = store.writes;
    // Failures are reported by the store; here they only must not go unhandled.
    const settle = ({ transaction, saved }: Written) => {
      void transaction.isPersisted.promise.catch(() => undefined);
      void saved.catch(() => undefined);
    };

    return {
      /**
       * Resolves once the todo is safe: the server has it, or the outbox keeps it. A refused add
       * says so with a Retry that sends the same todo (same id, so a retry of an add that did get
       * through is harmless).
       */
      add(name: string): Promise<void> {
        const id = newTodoId();
        return new Promise<void>((resolve) => {
          const attempt = () => {
            if (todos.has(id) && todos.get(id)?.$hasPendingWrites !== true) return resolve();
            const now = new Date().toISOString();
            const todo = { id, name, status: "pending" as const, version: 0, createdAt: now, updatedAt: now };
            // The store stays quiet about this write: the notice below tells it with its Retry.
            const { transaction, saved } = writes.insert(todo, { quiet: true });
            void saved.then(resolve, () => undefined);
            transaction.isPersisted.promise.catch((error: unknown) => {
              const refusal = refusalOf(error);
              const why = refusal instanceof ApiError ? refusal.message : "Something went wrong.";
              notices.show(`“${name}” was not added. ${why}`, { label: "Retry", run: attempt });
            });
          };
          attempt();
        });
      },
      toggle(id: string, status: TodoStatus) {
        settle(writes.update(id, {}, ([draft]) => void (draft!.status = status)));
      },
      /**
       * Sends the rename made on `seenVersion`; if someone else changed or deleted the todo since,
       * says what it is now. Resolves with whether it was saved and, if not, the todo as it now is.
       */
      async rename(id: string, name: string, seenVersion: number): Promise<{ saved: boolean; current?: Todo }> {
        try {
          const { transaction, saved } = writes.update(id, { seenVersion, quiet: true }, ([draft]) => void (draft!.name = name));
          await saved;
          // Kept in the outbox while offline, the edit closed: a refusal when it is sent is told here.
          transaction.isPersisted.promise.catch((caught: unknown) => {
            const error = refusalOf(caught);
            notices.show(`Your rename to “${name}” was not saved. ${error instanceof ApiError ? error.message : ""}`.trim());
          });
          return { saved: true };
        } catch (caught) {
          const error = refusalOf(caught);
          const current = todos.get(id);
          if (!current) notices.show("Someone else deleted this todo while you were editing it.");
          else if (error instanceof ApiError && error.status === 409)
            notices.show(
              `Someone else changed this todo first: it is now “${current.name}”. Your text is still in the field: Enter saves it anyway, Escape keeps theirs.`,
            );
          else notices.show(error instanceof ApiError ? error.message : "Something went wrong. Your change was not saved.");
          return { saved: false, current };
        }
      },
      /** An edit that closed because its row went away: say so if the todo was deleted meanwhile. */
      editLost(id: string, name: string) {
        if (!todos.has(id)) notices.show(`Someone else deleted “${name}” while you were editing it.`);
      },
      /** Marks every given todo with the status, in batches of the API's largest size. */
      markAll(ids: string[], status: TodoStatus) {
        for (let i = 0; i < ids.length; i += MAX_BATCH)
          settle(writes.update(ids.slice(i, i + MAX_BATCH), {}, (drafts) => drafts.forEach((draft) => void (draft.status = status))));
      },
      remove(id: string) {
        settle(writes.delete(id));
      },
      clear(ids: string[]) {
        for (let i = 0; i < ids.length; i += MAX_BATCH) settle(writes.delete(ids.slice(i, i + MAX_BATCH)));
      },
    };
  }, [store, notices]);
}
