/**
 * Where the person is inside "Penduduk & KK", kept in the address so that a reload, the back button and a copied
 * link open the same screen. The shell routes by path only (workplaceAt matches `/meja` exactly: a sub-path such as
 * `/meja/penduduk/…` would be "not found"), and Meja Petugas picks its section from `?bagian=penduduk`; this section
 * adds its own query parameters beside it and follows them with the history API:
 *
 *   /meja?bagian=penduduk                                   the search
 *   /meja?bagian=penduduk&cari=nik&nik=5316…                 the search with its answer (back from a resident)
 *   /meja?bagian=penduduk&cari=nama&nama=…&kec=…&desa=…&lahir=…
 *   /meja?bagian=penduduk&penduduk=<id>                      a resident
 *   /meja?bagian=penduduk&kk=<id>                            a family card
 *   /meja?bagian=penduduk&kk=<id>&ubah=pecah|kepala|keluar|masuk   a change of that card
 */
import { useEffect, useRef, useState } from 'preact/hooks';

const CHANGED = 'penduduk:place';
/** Meja Petugas' own navigation (its section tabs): this section follows it too. */
const DESK_CHANGED = 'meja:place';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface SearchQuery {
  readonly mode: 'nik' | 'nama';
  readonly nik?: string;
  readonly name?: string;
  readonly district?: string;
  readonly village?: string;
  readonly birthDate?: string;
}

export type PendudukPlace =
  | { readonly screen: 'search'; readonly query?: SearchQuery }
  | { readonly screen: 'resident'; readonly id: string }
  | { readonly screen: 'card'; readonly id: string; readonly change?: CardChangeKind };

/** The changes of a card: pecah KK, a new head, a member moving out, a member moving in. */
export const CARD_CHANGES = ['pecah', 'kepala', 'keluar', 'masuk'] as const;
export type CardChangeKind = (typeof CARD_CHANGES)[number];

export function readPlace(search: string): PendudukPlace {
  const q = new URLSearchParams(search);
  const resident = q.get('penduduk');
  if (resident && UUID.test(resident)) return { screen: 'resident', id: resident };
  const card = q.get('kk');
  if (card && UUID.test(card)) {
    const change = q.get('ubah');
    const known = CARD_CHANGES.find((c) => c === change);
    return known ? { screen: 'card', id: card, change: known } : { screen: 'card', id: card };
  }
  const mode = q.get('cari');
  if (mode === 'nik' || mode === 'nama') {
    const pick = (key: string) => q.get(key) ?? undefined;
    const query: SearchQuery = {
      mode,
      ...(pick('nik') ? { nik: pick('nik') } : {}),
      ...(pick('nama') ? { name: pick('nama') } : {}),
      ...(pick('kec') ? { district: pick('kec') } : {}),
      ...(pick('desa') ? { village: pick('desa') } : {}),
      ...(pick('lahir') ? { birthDate: pick('lahir') } : {}),
    };
    return { screen: 'search', query };
  }
  return { screen: 'search' };
}

export function placeHref(place: PendudukPlace): string {
  const q = new URLSearchParams({ bagian: 'penduduk' });
  if (place.screen === 'resident') q.set('penduduk', place.id);
  else if (place.screen === 'card') {
    q.set('kk', place.id);
    if (place.change) q.set('ubah', place.change);
  } else if (place.query) {
    const s = place.query;
    q.set('cari', s.mode);
    const put = (key: string, value: string | undefined) => value && q.set(key, value);
    if (s.mode === 'nik') put('nik', s.nik);
    else {
      put('nama', s.name);
      put('kec', s.district);
      put('desa', s.village);
      put('lahir', s.birthDate);
    }
  }
  return `/meja?${q.toString()}`;
}

/** Set by a move inside the section: the new screen's heading takes the focus (a screen reader announces it). */
let focusPending = false;

/** The ref of a screen's heading (tabIndex -1): focused once after a move inside the section, when it appears. */
export function useScreenTitle() {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusPending && ref.current) {
      focusPending = false;
      ref.current.focus();
    }
  });
  return ref;
}

/** Goes to a place of this section; `replace` leaves no history entry (a search's answer replaces the empty form). */
export function goTo(place: PendudukPlace, replace = false): void {
  const href = placeHref(place);
  if (href === location.pathname + location.search) return;
  if (replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  focusPending = !replace;
  window.dispatchEvent(new Event(CHANGED));
  if (!replace) window.scrollTo(0, 0);
}

/** onClick for a link to a place of this section: a plain click stays in the page; a modified click opens as usual. */
export function follow(place: PendudukPlace) {
  return (event: MouseEvent): void => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    goTo(place);
  };
}

export function usePendudukPlace(): PendudukPlace {
  const [place, setPlace] = useState<PendudukPlace>(() => readPlace(location.search));
  useEffect(() => {
    const update = () => setPlace(readPlace(location.search));
    window.addEventListener(CHANGED, update);
    window.addEventListener(DESK_CHANGED, update);
    window.addEventListener('popstate', update);
    return () => {
      window.removeEventListener(CHANGED, update);
      window.removeEventListener(DESK_CHANGED, update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return place;
}
