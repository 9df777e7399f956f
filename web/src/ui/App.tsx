import { useLiveQuery } from "@tanstack/react-db";
import { useEffect, useState, useSyncExternalStore } from "react";
import type { TodoCollection } from "../collection";
import type { Auth } from "../auth";
import type { ConnectionState, LiveChanges } from "../live";
import type { Notices } from "../notices";
import { Account } from "./Account";
import { ConnectionBadge } from "./ConnectionBadge";
import { NewTodo } from "./NewTodo";
import { NoticeList } from "./NoticeList";
import { type Filter, TodoFooter, filterFromHash } from "./TodoFooter";
import { TodoRow } from "./TodoRow";
import { useTodoActions } from "./useTodoActions";

export interface AppProps {
  todos: TodoCollection;
  live: Pick<LiveChanges, "subscribe" | "getState">;
  notices: Notices;
  /** The person's sign-in; absent on a server that asks no one to sign in. */
  auth?: Pick<Auth, "subscribe" | "getState" | "signIn" | "signOut">;
}

export function App({ todos, live, notices, auth }: AppProps) {
  const connection: ConnectionState = useSyncExternalStore(live.subscribe, live.getState);
  const filter = useHashFilter();
  const actions = useTodoActions(todos, notices);
  const { data, isReady } = useLiveQuery((q) =>
    q.from({ todo: todos }).orderBy(({ todo }) => todo.createdAt, "asc").orderBy(({ todo }) => todo.id, "asc"),
  );
  const all = data ?? [];
  const left = all.filter((todo) => todo.status === "pending").length;
  const completed = all.length - left;
  const shown = all.filter((todo) =>
    filter === "all" ? true : filter === "active" ? todo.status === "pending" : todo.status === "completed",
  );

  return (
    <div className="page">
      {auth && (
        <header className="topbar">
          <Account auth={auth} />
        </header>
      )}
      <main className="card" aria-labelledby="app-title">
        <header className="card-header">
          <h1 id="app-title">
            <svg className="logo" viewBox="0 0 32 32" aria-hidden="true">
              <rect width="32" height="32" rx="9" />
              <path d="M9 16.5l4.5 4.5L23 11.5" />
            </svg>
            livetodos
          </h1>
          <ConnectionBadge state={connection} />
        </header>

        <NewTodo onAdd={actions.add} />

        {all.length > 0 && (
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
            <p className="empty-hint">{emptyHint(filter, all.length)}</p>
          </div>
        ) : (
          <ul className="todo-list" aria-label="Todos">
            {shown.map((todo) => (
              <TodoRow
                key={todo.id}
                todo={todo}
                pending={todo.$hasPendingWrites === true}
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
            left={left}
            completed={completed}
            filter={filter}
            onClearCompleted={() => actions.clear(all.filter((todo) => todo.status === "completed").map((t) => t.id))}
          />
        )}
      </main>
      <footer className="footnote">
        <p>Open this page in a second window: every change shows up in both, live.</p>
      </footer>
      <section aria-label="Notices">
        <NoticeList notices={notices} />
      </section>
    </div>
  );
}

function useHashFilter(): Filter {
  const [filter, setFilter] = useState<Filter>(() => filterFromHash(window.location.hash));
  useEffect(() => {
    const onHashChange = () => setFilter(filterFromHash(window.location.hash));
    window.addEventListener("hashchange", onHashChange);
    return () => window.removeEventListener("hashchange", onHashChange);
  }, []);
  return filter;
}

function emptyTitle(filter: Filter, total: number): string {
  if (total === 0) return "Nothing to do yet";
  return filter === "active" ? "All done" : "Nothing completed yet";
}

function emptyHint(filter: Filter, total: number): string {
  if (total === 0) return "Add your first todo above. Anyone with this page open sees it at once.";
  return filter === "active" ? "Every todo is completed. Time for a break." : "Tick a todo off and it shows up here.";
}
