/**
 * "Penduduk & KK", the residents and family cards section of Meja Petugas (desktop first, 1366 px; usable at 1024 px;
 * never sideways at 390 px): find a resident by NIK or name, a resident with their e-KTP and KIA, a family card with
 * its members and versions, and the changes of a card (Pecah KK, Ganti Kepala Keluarga) checked live with the
 * domain's rules. Mounted by Meja Petugas in its "Penduduk & KK" tab (`/meja?bagian=penduduk`); where the person is
 * inside the section is kept in the same address (place.ts), since the shell routes by path only.
 */
import { useEffect, useState } from 'preact/hooks';
import { loadErrorMessages } from '../../i18n/i18n';
import { useServices, useSessionState } from '../../shell/context';
import { FamilyCardScreen } from './card';
import { follow, placeHref, usePendudukPlace, type PendudukPlace } from './place';
import { Resident } from './resident';
import { Search } from './search';
import { w } from './words';
import './penduduk.css';

/** The last search shown, so that "Kembali ke pencarian" returns to its results. */
let lastSearch: PendudukPlace = { screen: 'search' };

function BackToSearch() {
  return (
    <p class="pk-back">
      <a href={placeHref(lastSearch)} onClick={follow(lastSearch)}>
        {w('back')}
      </a>
    </p>
  );
}

export default function PendudukKk() {
  const { session } = useServices();
  const state = useSessionState(session);
  const place = usePendudukPlace();
  // The services' messages (errors.<CODE>, also the domain's rule codes) come as their own chunk.
  const [ready, setReady] = useState(false);
  useEffect(() => {
    void loadErrorMessages().finally(() => setReady(true));
  }, []);
  if (place.screen === 'search') lastSearch = place;
  if (state.status !== 'signed-in' || !ready) return null;
  return (
    <section class="penduduk" aria-labelledby="meja-penduduk-title" data-section="penduduk" data-screen={place.screen}>
      {/* The id Meja Petugas focuses when its "Penduduk & KK" tab opens. */}
      <h2 id="meja-penduduk-title" tabIndex={-1} class="pk-title">
        {w('title')}
      </h2>
      {place.screen === 'search' ? (
        <Search query={place.query} regions={state.person.regions} />
      ) : place.screen === 'resident' ? (
        <>
          <BackToSearch />
          <Resident id={place.id} key={place.id} />
        </>
      ) : (
        <>
          <BackToSearch />
          <FamilyCardScreen id={place.id} change={place.change} key={place.id} />
        </>
      )}
    </section>
  );
}
