import { type KeyboardEvent, useEffect, useRef, useState } from "react";
import { ApiError } from "../api";
import type { Notices } from "../notices";
import { type Member, type TodoListInfo, listNameProblem, normalizeName } from "../todo";
import type { ListWorkspace } from "../workspace";
import { Dialog } from "./Dialog";
import { ROLE_LABELS } from "./ListSwitcher";

interface ListHeaderProps {
  list: TodoListInfo;
  workspace: ListWorkspace;
  notices: Notices;
}

type Open = "none" | "members" | "delete" | "leave";

/** The open list's name and what the person may do to the list itself, by their role. */
export function ListHeader({ list, workspace, notices }: ListHeaderProps) {
  const [renaming, setRenaming] = useState(false);
  const [open, setOpen] = useState<Open>("none");
  const owner = list.role === "owner";

  return (
    <div className="list-header">
      {renaming ? (
        <RenameList
          name={list.name}
          onDone={async (name) => {
            if (name !== undefined && name !== list.name && !(await workspace.renameList(list.id, name))) return;
            setRenaming(false);
          }}
        />
      ) : (
        <h2 id="list-title" className="list-title" dir="auto">
          {list.name}
        </h2>
      )}
      <span className={`tag role-${list.role}`} data-testid="role">
        {ROLE_LABELS[list.role]}
      </span>
      <div className="list-actions">
        {owner && !renaming && (
          <button type="button" className="link-button" onClick={() => setRenaming(true)}>
            Rename list
          </button>
        )}
        <button type="button" className="link-button" onClick={() => setOpen("members")}>
          {owner ? "Share" : "Members"}
        </button>
        {owner ? (
          <button type="button" className="link-button danger" onClick={() => setOpen("delete")}>
            Delete list
          </button>
        ) : (
          <button type="button" className="link-button danger" onClick={() => setOpen("leave")}>
            Leave list
          </button>
        )}
      </div>
      {open === "members" && <MembersDialog list={list} workspace={workspace} notices={notices} onClose={() => setOpen("none")} />}
      {open === "delete" && (
        <Confirm
          title={`Delete “${list.name}”?`}
          text="The list and its todos are deleted for everyone who shares it. This cannot be undone."
          action="Delete list"
          onClose={() => setOpen("none")}
          onConfirm={() => void workspace.deleteList(list.id)}
        />
      )}
      {open === "leave" && (
        <Confirm
          title={`Leave “${list.name}”?`}
          text="You will no longer see this list. Its owner can invite you again."
          action="Leave list"
          onClose={() => setOpen("none")}
          onConfirm={() => void workspace.leaveList(list.id)}
        />
      )}
    </div>
  );
}

function RenameList({ name, onDone }: { name: string; onDone: (name: string | undefined) => Promise<void> }) {
  const [value, setValue] = useState(name);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  const problem = listNameProblem(normalizeName(value));
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter" && !problem) void onDone(normalizeName(value));
    if (event.key === "Escape") void onDone(undefined);
  };
  return (
    <input
      ref={input}
      className="edit list-title-edit"
      dir="auto"
      aria-label="List name"
      value={value}
      aria-invalid={problem ? true : undefined}
      title={problem ?? "Enter saves, Escape cancels"}
      onChange={(event) => setValue(event.target.value)}
      onKeyDown={onKeyDown}
      onBlur={() => void onDone(problem ? undefined : normalizeName(value))}
    />
  );
}

interface ConfirmProps {
  title: string;
  text: string;
  action: string;
  onConfirm: () => void;
  onClose: () => void;
}

function Confirm({ title, text, action, onConfirm, onClose }: ConfirmProps) {
  return (
    <Dialog title={title} onClose={onClose}>
      <p>{text}</p>
      <form method="dialog" className="dialog-buttons">
        {/* Cancel comes first, so the focus that lands in the dialog does not rest on the irreversible choice. */}
        <button type="submit" className="link-button" autoFocus>
          Cancel
        </button>
        <button
          type="submit"
          className="danger-button"
          onClick={() => {
            onConfirm();
          }}
        >
          {action}
        </button>
      </form>
    </Dialog>
  );
}

interface MembersDialogProps {
  list: TodoListInfo;
  workspace: ListWorkspace;
  notices: Notices;
  onClose: () => void;
}

/** Who shares the list; the owner invites (a link with a role) and removes people here. */
function MembersDialog({ list, workspace, notices, onClose }: MembersDialogProps) {
  const owner = list.role === "owner";
  const [members, setMembers] = useState<Member[]>();
  const [problem, setProblem] = useState<string>();
  const [role, setRole] = useState<"editor" | "viewer">("editor");
  const [link, setLink] = useState<string>();
  const [copied, setCopied] = useState(false);
  const [meId, setMeId] = useState<string>();

  const load = () =>
    workspace.members(list.id).then(setMembers, (error: unknown) => setProblem(error instanceof ApiError ? error.message : "Could not read the members."));
  useEffect(() => {
    void load();
    void workspace.whoAmI().then((me) => setMeId(me.id), () => undefined);
  }, [list.id]);

  const invite = async () => {
    setCopied(false);
    try {
      const created = await workspace.createInvite(list.id, role);
      // The server's own link: the page's origin (the request's Origin) with `#/invite/<token>`.
      setLink(created.url);
    } catch (error) {
      setProblem(error instanceof ApiError ? error.message : "Could not create an invite link.");
    }
  };

  const copy = async () => {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      // No clipboard here (an insecure origin, say): the link is selected for the person to copy.
      document.getElementById("invite-link")?.focus();
      (document.getElementById("invite-link") as HTMLInputElement | null)?.select();
    }
  };

  const remove = async (member: Member) => {
    try {
      await workspace.removeMember(list.id, member.id);
      await load();
    } catch (error) {
      notices.show(error instanceof ApiError ? error.message : `${member.name} was not removed.`);
    }
  };

  return (
    <Dialog title={owner ? `Share “${list.name}”` : `Members of “${list.name}”`} onClose={onClose} className="members-dialog">
      {owner && (
        <section aria-labelledby="invite-title" className="invite">
          <h3 id="invite-title">Invite someone</h3>
          <fieldset className="role-choice">
            <legend>They can</legend>
            <label>
              <input type="radio" name="invite-role" value="editor" checked={role === "editor"} onChange={() => setRole("editor")} />
              Edit (editor)
            </label>
            <label>
              <input type="radio" name="invite-role" value="viewer" checked={role === "viewer"} onChange={() => setRole("viewer")} />
              View only (viewer)
            </label>
          </fieldset>
          <button type="button" className="add" onClick={() => void invite()}>
            Create invite link
          </button>
          {link && (
            <div className="invite-link">
              <label htmlFor="invite-link">Invite link (valid for 7 days)</label>
              <div className="invite-link-row">
                <input id="invite-link" readOnly value={link} onFocus={(event) => event.currentTarget.select()} />
                <button type="button" className="link-button" onClick={() => void copy()}>
                  Copy link
                </button>
              </div>
              <p role="status" className="copied">
                {copied ? "Copied." : ""}
              </p>
            </div>
          )}
        </section>
      )}
      <section aria-labelledby="members-title">
        <h3 id="members-title">Members</h3>
        {problem && (
          <p className="field-problem" role="alert">
            {problem}
          </p>
        )}
        {members === undefined ? (
          <p role="status">Loading members…</p>
        ) : (
          <ul className="members" aria-labelledby="members-title">
            {members.map((member) => (
              <li key={member.id} data-testid="member">
                <span className="member-name" dir="auto">
                  {member.name}
                  {member.id === meId ? " (you)" : ""}
                </span>
                <span className="tag">{ROLE_LABELS[member.role]}</span>
                {owner && member.role !== "owner" && (
                  <button type="button" className="link-button danger" aria-label={`Remove ${member.name}`} onClick={() => void remove(member)}>
                    Remove
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <form method="dialog" className="dialog-buttons">
        <button type="submit" className="link-button">
          Close
        </button>
      </form>
    </Dialog>
  );
}
