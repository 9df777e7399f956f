import { useLiveQuery } from "@tanstack/react-db";
import type { TodoStore } from "../collection";
import type { Notices } from "../notices";
import type { Filter } from "../route";
import { NewTodo } from "./NewTodo";
import { TodoFooter } from "./TodoFooter";
import { TodoRow } from "./TodoRow";
import { useTodoActions } from "./useTodoActions";

interface TodoListViewProps {
  store: TodoStore;
  filter: Filter;
  notices: Notices;
  /** The person is a viewer: the todos are shown, nothing can be changed. */
  readOnly: boolean;
}

/** One list's todos: add, toggle, rename, delete, filters (a viewer sees them read-only). */
export function TodoListView({ store, filter, notices, readOnly }: TodoListViewProps) {
  const todos = store.collection;
  const actions = useTodoActions(store, notices);
  const { data, isReady } = useLiveQuery(
    (q) => q.from({ todo: todos }).orderBy(({ todo }) => todo.createdAt, "asc").orderBy(({ todo }) => todo.id, "asc"),
    [todos],
  );
  const all = data ?? [];
  const left = all.filter((todo) => todo.status === "pending").length;
  const completed = all.length - left;
  const shown = all.filter((todo) =>
    filter === "all" ? true : filter === "active" ? todo.status === "pending" : todo.status === "completed",
  );

  return (
    <>
      {readOnly ? (
        <p className="view-only" id="view-only">
          <strong>View only.</strong> You can see this list but not change it.
        </p>
      ) : (
        <NewTodo onAdd={actions.add} />
      )}

      {all.length > 0 && !readOnly && (
        <div className="toggle-all-row">
          <input
            id="toggle-all"
            type="checkbox"
            className="toggle"
            checked={left === 0}
            onChange={() => {
              const status = left === 0 ? "pending" : "completed";
              actions.markAll(all.filter((todo) => todo.status !== status).map((todo) => todo.id), status);
            }}
          />
          <label htmlFor="toggle-all">{left === 0 ? "Mark all as active" : "Mark all as complete"}</label>
        </div>
      )}

      {!isReady && all.length === 0 ? (
        <p className="empty" role="status">
          Loading your todos…
        </p>
      ) : shown.length === 0 ? (
        <div className="empty" role="status">
          <p className="empty-title">{emptyTitle(filter, all.length)}</p>
          <p className="empty-hint">{emptyHint(filter, all.length, readOnly)}</p>
        </div>
      ) : (
        <ul className="todo-list" aria-label="Todos" aria-describedby={readOnly ? "view-only" : undefined}>
          {shown.map((todo) => (
            <TodoRow
              key={todo.id}
              todo={todo}
              pending={todo.$hasPendingWrites === true}
              readOnly={readOnly}
              onToggle={actions.toggle}
              onRename={actions.rename}
              onEditLost={actions.editLost}
              onDelete={actions.remove}
            />
          ))}
        </ul>
      )}

      {all.length > 0 && (
        <TodoFooter
          listId={store.listId}
          readOnly={readOnly}
          left={left}
          completed={completed}
          filter={filter}
          onClearCompleted={() => actions.clear(all.filter((todo) => todo.status === "completed").map((t) => t.id))}
        />
      )}
    </>
  );
}

function emptyTitle(filter: Filter, total: number): string {
  if (total === 0) return "Nothing to do yet";
  return filter === "active" ? "All done" : "Nothing completed yet";
}

function emptyHint(filter: Filter, total: number, readOnly: boolean): string {
  if (total === 0)
    return readOnly ? "Todos added to this list show up here as they are added." : "Add your first todo above. Everyone who shares this list sees it at once.";
  return filter === "active" ? "Every todo is completed. Time for a break." : "Tick a todo off and it shows up here.";
}
