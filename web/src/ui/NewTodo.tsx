import { type FormEvent, useRef, useState } from "react";
import { nameProblem, normalizeName } from "../todo";

/** onAdd resolves once the server has the todo (perhaps after a Retry); until then the text stays. */
export function NewTodo({ onAdd }: { onAdd: (name: string) => Promise<void> }) {
  const [text, setText] = useState("");
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string>();
  const name = normalizeName(text);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const invalid = nameProblem(name);
    if (invalid) {
      setProblem(text.length > 0 ? invalid : undefined);
      return;
    }
    const submitted = text;
    // Kept until the server confirms, so a failed add loses nothing; selected, so typing the
    // next todo replaces it rather than adding to it.
    void onAdd(name).then(() => setText((current) => (current === submitted ? "" : current)));
    setProblem(undefined);
    input.current?.focus();
    input.current?.select();
  };

  return (
    <form className="new-todo" onSubmit={submit} noValidate>
      <label htmlFor="new-todo-name" className="visually-hidden">
        New todo
      </label>
      <input
        ref={input}
        id="new-todo-name"
        dir="auto"
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
