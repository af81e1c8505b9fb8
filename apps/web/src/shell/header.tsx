/**
 * The header: the app's name, the person signed in (name and role in Indonesian), the language switch and Keluar;
 * below it the navigation to the workplaces the person's roles allow.
 */
import { useState } from 'preact/hooks';
import type { Person } from '../auth/person';
import { currentLanguage, i18n, LANGUAGES, setLanguage } from '../i18n/i18n';
import { followLink } from '../router';
import { WORKPLACE_PATHS, workplacesFor, type Workplace } from '../workplaces/access';
import { useServices } from './context';
import { roleLine } from './person-line';
import { countUnsentCommands } from '../offline/outbox-store';

const t = (key: string, options?: Record<string, string>) => i18n.t(key, options);

function LanguageSwitch() {
  const lang = currentLanguage();
  return (
    <div class="language" role="group" aria-label={t('header.language')}>
      {LANGUAGES.map((l) => (
        <button type="button" class="chip" lang={l} aria-pressed={l === lang} onClick={() => void setLanguage(l)} key={l}>
          {l === 'id' ? 'Indonesia' : 'English'}
        </button>
      ))}
    </div>
  );
}

function SignOut() {
  const { session } = useServices();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      class="button secondary"
      disabled={busy}
      onClick={() =>
        void (async () => {
          // Keluar wipes the device, unsent work included: the person decides, knowing how much is still waiting.
          const unsent = await countUnsentCommands().catch(() => 0);
          if (unsent > 0 && !window.confirm(t('header.unsentWarning', { count: String(unsent) }))) return;
          setBusy(true);
          // Wipes the device, then leaves for the provider's sign-out page (or back to the start page).
          await session.signOut().catch(() => setBusy(false));
        })()
      }
    >
      {busy ? t('header.signingOut') : t('header.signOut')}
    </button>
  );
}

export function Header({ person, path }: { readonly person?: Person; readonly path: string }) {
  const workplaces: Workplace[] = person ? workplacesFor(person.roles) : [];
  return (
    <header class="masthead">
      <div class="masthead-row">
        <div class="brand">
          <a href="/" onClick={followLink} class="brand-name">
            {t('app.name')}
          </a>
          <span class="brand-office">{t('app.office')}</span>
        </div>
        <div class="masthead-tools">
          {person && (
            <p class="who">
              <span class="visually-hidden">{t('header.signedInAs')} </span>
              <span class="who-name">{person.name}</span>
              <span class="who-role">{roleLine(person, t)}</span>
            </p>
          )}
          <LanguageSwitch />
          {person && <SignOut />}
        </div>
      </div>
      {workplaces.length > 0 && (
        <nav class="workplaces" aria-label={t('nav.label')}>
          <ul>
            {workplaces.map((w) => (
              <li key={w}>
                <a href={WORKPLACE_PATHS[w]} onClick={followLink} aria-current={path === WORKPLACE_PATHS[w] ? 'page' : undefined}>
                  {t(`nav.${w}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </header>
  );
}
