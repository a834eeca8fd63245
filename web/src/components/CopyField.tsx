import { useState } from 'react';

/** A secret or a link shown once, selectable, with a button that copies it. */
export function CopyField({ label, value }: { label: string; value: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="copy-field">
      <input readOnly aria-label={label} value={value} onFocus={(e) => e.target.select()} />
      <button
        type="button"
        className="secondary small-button"
        onClick={() => void navigator.clipboard?.writeText(value).then(() => setCopied(true), () => setCopied(false))}
      >
        {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}
