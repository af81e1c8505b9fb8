/** The shell's own pages: the signed-out start page, the return from the provider, and the pages of refusal. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { SessionError, WEB_REDIRECT_PATH, type SignedOutReason } from '../auth/session';
import type { ConfigProblem } from '../config/runtime-config';
import { currentLanguage, i18n } from '../i18n/i18n';
import { followLink, navigate, takeFocusRequest } from '../router';
import { WORKPLACES } from '../workplaces/access';
import { useServices, useStore } from './context';

const t = (key: string, options?: Record<string, string>) => i18n.t(key, options);

/** A page's heading: receives focus after an in-app navigation, so that a screen reader announces the new page. */
export function PageTitle({ children }: { readonly children: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${children} · ${t('app.name')}`;
  }, [children]);
  useEffect(() => {
    if (takeFocusRequest()) heading.current?.focus();
  }, [children]);
  return (
    <h1 id="page-title" tabIndex={-1} ref={heading}>
      {children}
    </h1>
  );
}

export function Loading() {
  return (
    <p class="status" role="status">
      {t('app.loading')}
    </p>
  );
}

/** Masuk: sends the person to the provider, then back to `returnTo`. */
function SignInButton({ returnTo }: { readonly returnTo: string }) {
  const { session, online } = useServices();
  const isOnline = useStore(online);
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const signIn = async () => {
    if (!navigator.onLine) {
      setProblem(t('landing.needsSignal'));
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      await session.signIn(returnTo, currentLanguage());
    } catch {
      setBusy(false);
      setProblem(t('landing.signInFailed'));
    }
  };
  return (
    <div class="sign-in">
      <button type="button" class="button primary" onClick={() => void signIn()} disabled={busy}>
        {t('landing.signIn')}
      </button>
      {!isOnline && <p class="hint">{t('landing.needsSignal')}</p>}
      <p class="notice error-text" role="alert">
        {problem ?? ''}
      </p>
    </div>
  );
}

export function Landing({ returnTo, reason }: { readonly returnTo: string; readonly reason?: SignedOutReason }) {
  return (
    <section class="page landing">
      <PageTitle>{t('landing.title')}</PageTitle>
      {reason && (
        <p class="notice" role="status">
          {t(`landing.${reason}`)}
        </p>
      )}
      <p class="lead">{t('landing.lead')}</p>
      <SignInButton returnTo={returnTo} />
      <p class="hint">{t('landing.signInHint')}</p>
      <h2>{t('landing.workplacesTitle')}</h2>
      <ul class="cards">
        {WORKPLACES.map((w) => (
          <li class="card" key={w}>
            <h3>{t(`workplaces.${w}.title`)}</h3>
            <p>{t(`workplaces.${w}.lead`)}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** /masuk/selesai: the provider's answer is checked and exchanged for tokens, then on to where the person was going. */
export function SignInCallback({ home }: { readonly home: string }) {
  const { session } = useServices();
  const [failure, setFailure] = useState<string>();
  useEffect(() => {
    const url = new URL(location.href);
    const answered = url.searchParams.has('code') || url.searchParams.has('error');
    if (!answered && session.state.status === 'signed-in') {
      navigate(home, true);
      return;
    }
    // The code and state leave the address bar (and the history) at once, whatever the outcome.
    history.replaceState(null, '', WEB_REDIRECT_PATH);
    session
      .completeSignIn(url)
      .then((returnTo) => navigate(returnTo, true))
      .catch((error: unknown) => setFailure(error instanceof SessionError ? error.code : 'SIGN_IN_INVALID'));
  }, [session, home]);
  if (!failure) {
    return (
      <section class="page">
        <PageTitle>{t('callback.working')}</PageTitle>
        <Loading />
      </section>
    );
  }
  return (
    <section class="page">
      <PageTitle>{t('callback.failedTitle')}</PageTitle>
      <p class="notice error-text" role="alert">
        {t(`callback.errors.${failure}`)}
      </p>
      <SignInButton returnTo="/" />
    </section>
  );
}

export function NotFound() {
  return (
    <section class="page">
      <PageTitle>{t('notFound.title')}</PageTitle>
      <p>{t('notFound.lead')}</p>
      <p>
        <a href="/" onClick={followLink}>
          {t('notFound.back')}
        </a>
      </p>
    </section>
  );
}

export function NotAllowed({ home }: { readonly home: string }) {
  return (
    <section class="page">
      <PageTitle>{t('workplace.notAllowedTitle')}</PageTitle>
      <p>{t('workplace.notAllowed')}</p>
      <p>
        <a href={home} onClick={followLink}>
          {t('workplace.goHome')}
        </a>
      </p>
    </section>
  );
}

/** Shown instead of the app when config.json is missing or wrong: every problem, in words, and what to do. */
export function ConfigErrorPage({ problems }: { readonly problems: readonly ConfigProblem[] }) {
  return (
    <>
      <a class="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header class="masthead">
        <div class="masthead-row">
          <div class="brand">
            <span class="brand-name">{t('app.name')}</span>
            <span class="brand-office">{t('app.office')}</span>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <section class="page" data-page="config-error">
          <PageTitle>{t('config.title')}</PageTitle>
          <div class="notice error-text" role="alert">
            <p>{t('config.lead')}</p>
            <ul>
              {problems.map((p, i) => (
                <li key={i} data-code={p.code}>
                  {t(`config.problems.${p.code}`, { field: p.field ?? '' })}
                </li>
              ))}
            </ul>
          </div>
          <p>{t('config.advice')}</p>
          <button type="button" class="button primary" onClick={() => location.reload()}>
            {t('config.retry')}
          </button>
        </section>
      </main>
    </>
  );
}
