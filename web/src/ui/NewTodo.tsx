import { type FormEvent, useState } from "react";
import { nameProblem, normalizeName } from "../todo";

export function NewTodo({ onAdd }: { onAdd: (name: string) => void }) {
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string>();
  const name = normalizeName(text);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const invalid = nameProblem(name);
    if (invalid) {
      setProblem(text.length > 0 ? invalid : undefined);
      return;
    }
    onAdd(name);
    setText("");
    setProblem(undefined);
  };

  return (
    <form className="new-todo" onSubmit={submit} noValidate>
      <label htmlFor="new-todo-name" className="visually-hidden">
        New todo
      </label>
      <input
        id="new-todo-name"
        name="name"
        placeholder="What needs to be done?"
        autoComplete="off"
        autoFocus
        value={text}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? "new-todo-problem" : undefined}
        onChange={(event) => {
          setText(event.target.value);
          if (problem) setProblem(undefined);
        }}
      />
      <button type="submit" className="add" disabled={name.length === 0}>
        Add
      </button>
      {problem && (
        <p id="new-todo-problem" className="field-problem" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
