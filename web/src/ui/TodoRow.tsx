import { type KeyboardEvent, memo, useEffect, useRef, useState } from "react";
import { type Todo, type TodoStatus, nameProblem, normalizeName } from "../todo";
import { CrossIcon, PencilIcon } from "./icons";

interface TodoRowProps {
  todo: Todo;
  pending: boolean;
  onToggle: (id: string, status: TodoStatus) => void;
  onRename: (id: string, name: string) => void;
  onDelete: (id: string) => void;
}

export const TodoRow = memo(function TodoRow({ todo, pending, onToggle, onRename, onDelete }: TodoRowProps) {
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const done = todo.status === "completed";
  const checkboxId = `todo-${todo.id}`;

  const finish = (value: string | undefined) => {
    setEditing(false);
    requestAnimationFrame(() => editButton.current?.focus());
    if (value === undefined) return;
    const name = normalizeName(value);
    if (name !== todo.name && !nameProblem(name)) onRename(todo.id, name);
  };

  return (
    <li
      className={`todo${done ? " done" : ""}${pending ? " pending" : ""}${editing ? " editing" : ""}`}
      data-testid="todo"
      data-id={todo.id}
      data-pending={pending}
    >
      <input
        id={checkboxId}
        type="checkbox"
        className="toggle"
        checked={done}
        onChange={() => onToggle(todo.id, done ? "pending" : "completed")}
      />
      {editing ? (
        <EditName initial={todo.name} onDone={finish} />
      ) : (
        <label htmlFor={checkboxId} className="name" onDoubleClick={(event) => (event.preventDefault(), setEditing(true))}>
          {todo.name}
        </label>
      )}
      {pending && (
        <span className="pending-mark" title="Saving… not confirmed by the server yet">
          <span className="visually-hidden">Saving</span>
        </span>
      )}
      {!editing && (
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

function EditName({ initial, onDone }: { initial: string; onDone: (value: string | undefined) => void }) {
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
    onDone(result);
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
