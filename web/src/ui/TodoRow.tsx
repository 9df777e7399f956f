import { type KeyboardEvent, memo, useEffect, useRef, useState } from "react";
import { type Todo, type TodoStatus, nameProblem, normalizeName } from "../todo";
import { CrossIcon, PencilIcon } from "./icons";

interface TodoRowProps {
  todo: Todo;
  pending: boolean;
  onToggle: (id: string, status: TodoStatus) => void;
  onRename: (id: string, name: string, seenVersion: number) => Promise<{ saved: boolean; current?: Todo }>;
  onEditLost: (id: string, name: string) => void;
  onDelete: (id: string) => void;
  /** A viewer's row: shown, not changed (the toggle is disabled, no rename or delete). */
  readOnly?: boolean;
}

export const TodoRow = memo(function TodoRow({ todo, pending, onToggle, onRename, onEditLost, onDelete, readOnly = false }: TodoRowProps) {
  const [editingState, setEditingState] = useState(false);
  const editing = editingState && !readOnly;
  // The version the person saw when the edit opened: the rename is made on it.
  const seenVersion = useRef(todo.version);
  const setEditing = (open: boolean) => {
    if (open && readOnly) return;
    if (open && !editing) seenVersion.current = todo.version;
    setEditingState(open);
  };
  // The row went away with its edit open (deleted by someone else, say): tell the person.
  const lost = useRef({ editing, name: todo.name });
  lost.current = { editing, name: todo.name };
  useEffect(() => () => void (lost.current.editing && onEditLost(todo.id, lost.current.name)), [todo.id, onEditLost]);
  const editButton = useRef<HTMLButtonElement>(null);
  const done = todo.status === "completed";
  // No tap yet: the first tap of a page just opened (timeStamp near 0) must not count as the second.
  const lastTap = useRef(Number.NEGATIVE_INFINITY);

  const close = () => {
    setEditing(false);
    requestAnimationFrame(() => editButton.current?.focus());
  };

  /** Resolves with whether the edit closed; a refused rename keeps it open with the typed text. */
  const finish = async (value: string | undefined): Promise<boolean> => {
    const name = value === undefined ? todo.name : normalizeName(value);
    if (name === todo.name || nameProblem(name)) {
      close();
      return true;
    }
    const { saved, current } = await onRename(todo.id, name, seenVersion.current);
    if (saved) {
      close();
      return true;
    }
    // Now the person has been told what it is; Enter again saves over that.
    if (current) seenVersion.current = current.version;
    return false;
  };

  return (
    <li
      className={`todo${done ? " done" : ""}${pending ? " pending" : ""}${editing ? " editing" : ""}`}
      data-testid="todo"
      data-id={todo.id}
      data-pending={pending}
    >
      {/* Only the circle toggles: the name is not its <label>, so a double-click on the name opens
          the edit without two toggles first (a click on a label clicks its checkbox). */}
      <input
        type="checkbox"
        className="toggle"
        aria-label={todo.name}
        checked={done}
        disabled={readOnly}
        onChange={() => onToggle(todo.id, done ? "pending" : "completed")}
      />
      {editing ? (
        <EditName initial={todo.name} onDone={finish} />
      ) : (
        <span
          className="name"
          dir="auto"
          onDoubleClick={() => setEditing(true)}
          onPointerUp={(event) => {
            // A double tap, whether or not the phone's browser turns it into a dblclick.
            if (event.pointerType !== "touch") return;
            if (event.timeStamp - lastTap.current < 500) setEditing(true);
            lastTap.current = event.timeStamp;
          }}
        >
          {todo.name}
        </span>
      )}
      {pending && (
        <span className="pending-mark" title="Saving… not confirmed by the server yet">
          <span className="visually-hidden">Saving</span>
        </span>
      )}
      {!editing && !readOnly && (
        <span className="row-actions">
          <button
            ref={editButton}
            type="button"
            className="icon-button"
            aria-label={`Rename “${todo.name}”`}
            title="Rename"
            onClick={() => setEditing(true)}
          >
            <PencilIcon />
          </button>
          <button
            type="button"
            className="icon-button danger"
            aria-label={`Delete “${todo.name}”`}
            title="Delete"
            onClick={() => onDelete(todo.id)}
          >
            <CrossIcon />
          </button>
        </span>
      )}
    </li>
  );
});

function EditName({ initial, onDone }: { initial: string; onDone: (value: string | undefined) => Promise<boolean> }) {
  const input = useRef<HTMLInputElement>(null);
  const settled = useRef(false);
  const [value, setValue] = useState(initial);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  const done = (result: string | undefined) => {
    if (settled.current) return;
    settled.current = true;
    void onDone(result).then((closed) => void (settled.current = closed));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") done(value);
    if (event.key === "Escape") done(undefined);
  };

  const problem = nameProblem(normalizeName(value));
  return (
    <input
      ref={input}
      className="edit"
      dir="auto"
      aria-label="Todo name"
      value={value}
      aria-invalid={problem ? true : undefined}
      title={problem ?? "Enter saves, Escape cancels"}
      onChange={(event) => setValue(event.target.value)}
      onKeyDown={onKeyDown}
      onBlur={() => done(value)}
    />
  );
}
