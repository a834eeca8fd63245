import { Dialog } from './Dialog';

export interface PhotoViewerProps {
  src: string;
  /** What the photo shows, as its text alternative and title ("Feeding station, today 08:01"). */
  title: string;
  /** A line under it: when it was taken, after which dose. */
  caption?: string;
  onClose(): void;
}

/** A photo at the size of the screen, over the page. */
export function PhotoViewer({ src, title, caption, onClose }: PhotoViewerProps) {
  return (
    <Dialog labelledBy="photo-viewer-title" onClose={onClose} className="photo-viewer">
      <div className="photo-viewer-head">
        <h2 id="photo-viewer-title">{title}</h2>
        <button type="button" className="secondary small-button" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
      <img src={src} alt={title} className="photo-large" />
      {caption && <p className="muted small">{caption}</p>}
    </Dialog>
  );
}
