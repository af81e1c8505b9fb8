/**
 * The app's frame and routes: a skip link, the banners (no signal, new version), the header with the workplaces the
 * person may use, and the page for the path: `/` (start, or the person's first workplace), `/masuk/selesai` (back
 * from the provider), `/mitra`, `/meja`, `/jemput-bola`, `/ikhtisar`.
 */
import { useEffect, useState } from 'preact/hooks';
import { WEB_REDIRECT_PATH } from '../auth/session';
import { i18n } from '../i18n/i18n';
import { navigate, usePath } from '../router';
import { homeWorkplace, WORKPLACE_PATHS, workplaceAt, workplacesFor } from '../workplaces/access';
import { AppContext, useSessionState, useStore, type AppServices } from './context';
import { Header } from './header';
import { Landing, Loading, NotAllowed, NotFound, SignInCallback } from './pages';
import { WorkplaceView } from './workplace-view';

const t = (key: string) => i18n.t(key);

function Banners({ services }: { readonly services: AppServices }) {
  const online = useStore(services.online);
  const update = useStore(services.update);
  return (
    <>
      <div class="banner offline" role="status" data-offline={!online}>
        {online ? '' : t('offline.banner')}
      </div>
      {update && (
        <div class="banner update" role="status">
          <span>{t('update.available')}</span>
          <button type="button" class="button secondary" onClick={update}>
            {t('update.reload')}
          </button>
        </div>
      )}
    </>
  );
}

function Redirect({ to }: { readonly to: string }) {
  useEffect(() => navigate(to, true), [to]);
  return <Loading />;
}

function Page({ path, services }: { readonly path: string; readonly services: AppServices }) {
  const state = useSessionState(services.session);
  if (state.status === 'starting') return <Loading />;
  const home = state.status === 'signed-in' ? WORKPLACE_PATHS[homeWorkplace(state.person.roles)] : '/';
  if (path === WEB_REDIRECT_PATH) return <SignInCallback home={home} />;
  const workplace = workplaceAt(path);
  if (state.status === 'signed-out') {
    return path === '/' || workplace ? <Landing returnTo={path} reason={state.reason} /> : <NotFound />;
  }
  if (path === '/') return <Redirect to={home} />;
  if (!workplace) return <NotFound />;
  if (!workplacesFor(state.person.roles).includes(workplace)) return <NotAllowed home={home} />;
  return <WorkplaceView workplace={workplace} key={workplace} />;
}

export function App({ services }: { readonly services: AppServices }) {
  const path = usePath();
  const state = useSessionState(services.session);
  // The whole frame follows the language switch.
  const [, setLanguage] = useState(i18n.language);
  useEffect(() => {
    const changed = (lng: string) => setLanguage(lng);
    i18n.on('languageChanged', changed);
    return () => i18n.off('languageChanged', changed);
  }, []);
  return (
    <AppContext.Provider value={services}>
      <a class="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <Header person={state.status === 'signed-in' ? state.person : undefined} path={path} />
      <Banners services={services} />
      <main id="main" tabIndex={-1}>
        <Page path={path} services={services} />
      </main>
    </AppContext.Provider>
  );
}
