/**
 * The workplaces are separate chunks, loaded when first opened: the first screen stays small (a partner's phone
 * never downloads the clerk's desk until asked). The service worker precaches every chunk, so they open offline.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { i18n } from '../i18n/i18n';
import type { Workplace } from '../workplaces/access';
import { Loading, PageTitle } from './pages';

type WorkplaceModule = { readonly default: ComponentType };

const LOADERS: Readonly<Record<Workplace, () => Promise<WorkplaceModule>>> = {
  mitra: () => import('../workplaces/mitra'),
  meja: () => import('../workplaces/meja'),
  'jemput-bola': () => import('../workplaces/jemput-bola'),
  ikhtisar: () => import('../workplaces/ikhtisar'),
};

const loaded = new Map<Workplace, ComponentType>();

export function WorkplaceView({ workplace }: { readonly workplace: Workplace }) {
  const [, setReady] = useState(0);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (loaded.has(workplace)) return;
    let live = true;
    setFailed(false);
    LOADERS[workplace]()
      .then((m) => {
        loaded.set(workplace, m.default);
        if (live) setReady((n) => n + 1);
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [workplace]);
  const Screen = loaded.get(workplace);
  if (Screen) return <Screen />;
  if (failed) {
    return (
      <section class="page">
        <PageTitle>{i18n.t(`workplaces.${workplace}.title`)}</PageTitle>
        <p class="notice error-text" role="alert">
          {i18n.t('workplace.loadFailed')}
        </p>
        <button type="button" class="button primary" onClick={() => location.reload()}>
          {i18n.t('workplace.reload')}
        </button>
      </section>
    );
  }
  return <Loading />;
}
