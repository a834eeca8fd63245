import { useEffect, useRef, useState, type ReactNode } from 'react';

export interface DialogProps {
  /** The id of the heading that names the dialog. */
  labelledBy: string;
  onClose(): void;
  className?: string;
  children: ReactNode;
}

/**
 * A modal over the page: named by its heading, closed by Escape or a click beside it, and giving the focus
 * back to where it was (the button that opened it) when it closes.
 */
export function Dialog({ labelledBy, onClose, className, children }: DialogProps) {
  const box = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  // Read while rendering: by the time effects run, a control inside may have taken the focus (autoFocus).
  const [opener] = useState(() => document.activeElement as HTMLElement | null);

  useEffect(() => {
    if (!box.current?.contains(document.activeElement)) box.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close.current();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      opener?.focus?.();
    };
  }, [opener]);

  return (
    <div className="dialog-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={box} role="dialog" aria-modal="true" aria-labelledby={labelledBy} className={`dialog${className ? ` ${className}` : ''}`} tabIndex={-1}>
        {children}
      </div>
    </div>
  );
}
