export type Filter = "all" | "active" | "completed";

const FILTERS: { filter: Filter; label: string; hash: string }[] = [
  { filter: "all", label: "All", hash: "#/" },
  { filter: "active", label: "Active", hash: "#/active" },
  { filter: "completed", label: "Completed", hash: "#/completed" },
];

export function filterFromHash(hash: string): Filter {
  return FILTERS.find((f) => f.hash === hash && f.filter !== "all")?.filter ?? "all";
}

interface TodoFooterProps {
  left: number;
  completed: number;
  filter: Filter;
  onClearCompleted: () => void;
}

export function TodoFooter({ left, completed, filter, onClearCompleted }: TodoFooterProps) {
  return (
    <footer className="card-footer">
      <span className="count" aria-live="polite">
        <strong>{left}</strong> {left === 1 ? "item" : "items"} left
      </span>
      <nav aria-label="Show">
        <ul className="filters">
          {FILTERS.map(({ filter: f, label, hash }) => (
            <li key={f}>
              <a href={hash} aria-current={f === filter ? "page" : undefined}>
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <button type="button" className="clear" onClick={onClearCompleted} disabled={completed === 0}>
        Clear completed
      </button>
    </footer>
  );
}
