import { type ReactNode, useEffect, useId, useRef } from "react";

interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  className?: string;
}

/**
 * A modal dialog: the browser's own <dialog> opened with showModal(), so the page behind is inert,
 * focus moves into it and returns to the button that opened it when it closes, and Escape closes
 * it. Rendered while open; closing (Escape, Close, or a choice) calls onClose.
 */
export function Dialog({ title, onClose, children, className }: DialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (!element.open) element.showModal();
    const onClosed = () => close.current();
    element.addEventListener("close", onClosed);
    return () => {
      element.removeEventListener("close", onClosed);
      if (element.open) element.close();
    };
  }, []);

  return (
    <dialog ref={dialog} className={`dialog${className ? ` ${className}` : ""}`} aria-labelledby={titleId}>
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}
