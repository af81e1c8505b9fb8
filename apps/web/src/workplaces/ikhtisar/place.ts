/**
 * Where the person is inside Ikhtisar, kept in the address (`/ikhtisar`, `/ikhtisar?bagian=rapor`,
 * `/ikhtisar?bagian=rapor&tahun=2025`; rapor-rules.ts reads and writes it), so that a reload, the back button and a
 * copied link open the same part and year. The shell routes by path only; Ikhtisar follows its own query with the
 * history API, as Meja Petugas does.
 */
import { useEffect, useState } from 'preact/hooks';
import { officeYear, placeHref, readPlace, type IkhtisarPlace } from './rapor-rules';

const CHANGED = 'ikhtisar:place';

export function goTo(place: IkhtisarPlace): void {
  const href = placeHref(place);
  if (href === location.pathname + location.search) return;
  history.pushState(null, '', href);
  window.dispatchEvent(new Event(CHANGED));
}

/** onClick for an in-workplace link: a plain click stays in the page; a modified click opens as usual. */
export function followPlace(place: IkhtisarPlace) {
  return (event: MouseEvent): void => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    goTo(place);
  };
}

export function useIkhtisarPlace(): IkhtisarPlace {
  const [place, setPlace] = useState<IkhtisarPlace>(() => readPlace(location.search, officeYear()));
  useEffect(() => {
    const update = () => setPlace(readPlace(location.search, officeYear()));
    window.addEventListener(CHANGED, update);
    window.addEventListener('popstate', update);
    return () => {
      window.removeEventListener(CHANGED, update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return place;
}
