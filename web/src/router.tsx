import { useEffect, useState, type AnchorHTMLAttributes, type MouseEvent } from 'react';

// Client-side pages on real paths (/doses, /people): the hub serves index.html for any path it does not
// know, so a reload or a shared link lands on the same page.

const listeners = new Set<() => void>();

export function navigate(to: string, replace = false) {
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  listeners.forEach((l) => l());
}

export function useLocation() {
  const [location, setLocation] = useState(() => ({ path: window.location.pathname, query: new URLSearchParams(window.location.search) }));
  useEffect(() => {
    const update = () => setLocation({ path: window.location.pathname, query: new URLSearchParams(window.location.search) });
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return location;
}

/** An ordinary link (it opens in a new tab, copies, reads aloud as one) that moves without reloading. */
export function Link({ to, ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  function go(event: MouseEvent<HTMLAnchorElement>) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
    window.scrollTo(0, 0);
  }
  return <a href={to} onClick={go} {...rest} />;
}
