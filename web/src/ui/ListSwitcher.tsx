import { type FormEvent, type KeyboardEvent, useRef, useState } from "react";
import { listHash } from "../route";
import { type Role, type TodoListInfo, listNameProblem, normalizeName } from "../todo";

export const ROLE_LABELS: Record<Role, string> = { owner: "Owner", editor: "Can edit", viewer: "View only" };

interface ListSwitcherProps {
  lists: TodoListInfo[];
  openId: string | undefined;
  onCreate: (name: string) => Promise<boolean>;
}

/** The person's lists, live, as links (the open list is in the address), and "New list". */
export function ListSwitcher({ lists, openId, onCreate }: ListSwitcherProps) {
  return (
    <nav className="lists-nav" aria-label="Your lists">
      <ul className="list-tabs">
        {lists.map((list) => (
          <li key={list.id}>
            <a href={listHash(list.id)} aria-current={list.id === openId ? "page" : undefined} data-list-id={list.id}>
              <span className="list-tab-name" dir="auto">
                {list.name}
              </span>
              {list.role !== "owner" && <span className="tag">{ROLE_LABELS[list.role]}</span>}
            </a>
          </li>
        ))}
      </ul>
      <NewList onCreate={onCreate} />
    </nav>
  );
}

function NewList({ onCreate }: { onCreate: (name: string) => Promise<boolean> }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string>();
  const opener = useRef<HTMLButtonElement>(null);
  const name = normalizeName(text);

  const cancel = () => {
    setOpen(false);
    setText("");
    setProblem(undefined);
    requestAnimationFrame(() => opener.current?.focus());
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const invalid = listNameProblem(name);
    if (invalid) return setProblem(invalid);
    if (await onCreate(name)) {
      setOpen(false);
      setText("");
    }
  };

  if (!open)
    return (
      <button ref={opener} type="button" className="new-list-button" onClick={() => setOpen(true)}>
        + New list
      </button>
    );
  return (
    <form
      className="new-list"
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event: KeyboardEvent) => event.key === "Escape" && cancel()}
      noValidate
    >
      <label htmlFor="new-list-name" className="visually-hidden">
        List name
      </label>
      <input
        id="new-list-name"
        dir="auto"
        autoFocus
        autoComplete="off"
        placeholder="Name of the new list"
        value={text}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? "new-list-problem" : undefined}
        onChange={(event) => {
          setText(event.target.value);
          setProblem(undefined);
        }}
      />
      <button type="submit" className="add" disabled={name.length === 0}>
        Create
      </button>
      <button type="button" className="link-button" onClick={cancel}>
        Cancel
      </button>
      {problem && (
        <p id="new-list-problem" className="field-problem" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
