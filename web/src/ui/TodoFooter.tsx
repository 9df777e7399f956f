import { type Filter, listHash } from "../route";

const FILTERS: { filter: Filter; label: string }[] = [
  { filter: "all", label: "All" },
  { filter: "active", label: "Active" },
  { filter: "completed", label: "Completed" },
];

interface TodoFooterProps {
  listId: string;
  /** A viewer cannot clear completed todos; the button is not offered. */
  readOnly: boolean;
  left: number;
  completed: number;
  filter: Filter;
  onClearCompleted: () => void;
}

export function TodoFooter({ listId, readOnly, left, completed, filter, onClearCompleted }: TodoFooterProps) {
  return (
    <footer className="card-footer">
      <span className="count" aria-live="polite">
        <strong>{left}</strong> {left === 1 ? "item" : "items"} left
      </span>
      <nav aria-label="Show">
        <ul className="filters">
          {FILTERS.map(({ filter: f, label }) => (
            <li key={f}>
              <a href={listHash(listId, f)} aria-current={f === filter ? "page" : undefined}>
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {!readOnly && (
        <button type="button" className="clear" onClick={onClearCompleted} disabled={completed === 0}>
          Clear completed
        </button>
      )}
    </footer>
  );
}
