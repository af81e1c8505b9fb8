/**
 * Where the person is inside Meja Petugas, kept in the address (`/meja`, `/meja?bagian=penduduk`,
 * `/meja?kasus=<id>`, `/meja?bagian=pemeriksaan`, `/meja?bagian=pemeriksaan&periksa=<id>`, `/meja?bagian=impor`,
 * `/meja?bagian=impor&impor=<id>`), so that a reload, the
 * back button and a copied link open the same screen. The shell routes by path only; the desk follows its own query
 * with the history API.
 */
import { useEffect, useState } from 'preact/hooks';

export type MejaPlace =
  | { readonly section: 'akta'; readonly caseId?: string }
  | { readonly section: 'penduduk' }
  /** Pemeriksaan data akta: identity's reviews of the deeds events (a list, or one review). */
  | { readonly section: 'pemeriksaan'; readonly reviewId?: string }
  /** Impor data penduduk: the upload form and the latest imports, or one import's result. */
  | { readonly section: 'impor'; readonly jobId?: string };

const CHANGED = 'meja:place';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function readPlace(search: string): MejaPlace {
  const query = new URLSearchParams(search);
  if (query.get('bagian') === 'penduduk') return { section: 'penduduk' };
  if (query.get('bagian') === 'pemeriksaan') {
    const reviewId = query.get('periksa');
    return reviewId && UUID.test(reviewId) ? { section: 'pemeriksaan', reviewId } : { section: 'pemeriksaan' };
  }
  if (query.get('bagian') === 'impor') {
    const jobId = query.get('impor');
    return jobId && UUID.test(jobId) ? { section: 'impor', jobId } : { section: 'impor' };
  }
  const caseId = query.get('kasus');
  return caseId && UUID.test(caseId) ? { section: 'akta', caseId } : { section: 'akta' };
}

export function placeHref(place: MejaPlace): string {
  if (place.section === 'penduduk') return '/meja?bagian=penduduk';
  if (place.section === 'pemeriksaan') return place.reviewId ? `/meja?bagian=pemeriksaan&periksa=${encodeURIComponent(place.reviewId)}` : '/meja?bagian=pemeriksaan';
  if (place.section === 'impor') return place.jobId ? `/meja?bagian=impor&impor=${encodeURIComponent(place.jobId)}` : '/meja?bagian=impor';
  return place.caseId ? `/meja?kasus=${encodeURIComponent(place.caseId)}` : '/meja';
}

export function goTo(place: MejaPlace): void {
  const href = placeHref(place);
  if (href === location.pathname + location.search) return;
  history.pushState(null, '', href);
  window.dispatchEvent(new Event(CHANGED));
  window.scrollTo(0, 0);
}

/** onClick for an in-desk link: a plain click stays in the page; a modified click opens as usual. */
export function followPlace(place: MejaPlace) {
  return (event: MouseEvent): void => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    goTo(place);
  };
}

/**
 * onClick for a link to another section's own address inside the desk (a resident of Penduduk & KK from a review):
 * the address is pushed as it is and the desk reads it again.
 */
export function followHref(href: string) {
  return (event: MouseEvent): void => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    history.pushState(null, '', href);
    window.dispatchEvent(new Event(CHANGED));
    window.scrollTo(0, 0);
  };
}

export function useMejaPlace(): MejaPlace {
  const [place, setPlace] = useState<MejaPlace>(() => readPlace(location.search));
  useEffect(() => {
    const update = () => setPlace(readPlace(location.search));
    window.addEventListener(CHANGED, update);
    window.addEventListener('popstate', update);
    return () => {
      window.removeEventListener(CHANGED, update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return place;
}
