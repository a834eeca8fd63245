import { useEffect, useRef, useState, type ReactNode } from 'react';

export interface DialogProps {
  /** The id of the heading that names the dialog. */
  labelledBy: string;
  onClose(): void;
  className?: string;
  children: ReactNode;
}

/**
 * A modal over the page: named by its heading, closed by Escape or a click beside it, keeping Tab inside it, and
 * giving the focus back to where it was (the button that opened it) when it closes.
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
      if (event.key !== 'Tab' || !box.current) return;
      // Tab goes round the dialog's own controls: the page behind is not there while it is open.
      const controls = [...box.current.querySelectorAll<HTMLElement>('button, input, textarea, select, a[href], [tabindex="0"]')].filter((c) => !c.matches(':disabled'));
      if (controls.length === 0) return;
      const [first, last] = [controls[0], controls[controls.length - 1]];
      if (event.shiftKey && (document.activeElement === first || document.activeElement === box.current)) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
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
