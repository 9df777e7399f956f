import { useMemo } from "react";
import type { TodoCollection } from "../collection";
import { newTodoId } from "../ids";
import type { TodoStatus } from "../todo";

/** Batches go out in the API's largest size. */
const MAX_BATCH = 100;

/**
 * What a person can do to the list. Each call changes the collection at once (optimistically);
 * the collection's handlers send it to the server and roll it back, with a notice, if refused.
 */
export function useTodoActions(todos: TodoCollection) {
  return useMemo(() => {
    // Failures are reported by the collection's handlers; here they only must not go unhandled.
    const settle = (transaction: { isPersisted: { promise: Promise<unknown> } }) =>
      void transaction.isPersisted.promise.catch(() => undefined);

    return {
      add(name: string) {
        const now = new Date().toISOString();
        settle(todos.insert({ id: newTodoId(), name, status: "pending", version: 0, createdAt: now, updatedAt: now }));
      },
      toggle(id: string, status: TodoStatus) {
        settle(todos.update(id, (draft) => void (draft.status = status)));
      },
      rename(id: string, name: string) {
        settle(todos.update(id, (draft) => void (draft.name = name)));
      },
      remove(id: string) {
        settle(todos.delete(id));
      },
      clear(ids: string[]) {
        for (let i = 0; i < ids.length; i += MAX_BATCH) settle(todos.delete(ids.slice(i, i + MAX_BATCH)));
      },
    };
  }, [todos]);
}
