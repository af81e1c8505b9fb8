/**
 * i18next with Bahasa Indonesia first (the default and the fallback) and English second. The choice is kept in
 * local storage and written to <html lang>. English and the error messages are separate chunks, loaded when
 * needed, so the first screen carries only the Indonesian words it shows.
 */
import i18next, { type i18n as I18n } from 'i18next';
import { LANGUAGE_KEY } from '../auth/device-store';
import type { Language } from './format';
import { MESSAGES_ID, type Messages } from './messages-id';

export const LANGUAGES: readonly Language[] = ['id', 'en'];
export const DEFAULT_LANGUAGE: Language = 'id';

const isLanguage = (value: unknown): value is Language => typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

export const i18n: I18n = i18next.createInstance();

async function loadLanguage(lang: Language): Promise<void> {
  // A workplace may have added its English words already: the shell's own are missing until app.name is there.
  if (lang === 'en' && !i18n.exists('app.name', { lng: 'en', fallbackLng: false })) {
    const { MESSAGES_EN } = await import('./messages-en');
    i18n.addResourceBundle('en', 'translation', MESSAGES_EN satisfies Messages, true, false);
  }
}

function storedLanguage(): Language {
  try {
    const stored = localStorage.getItem(LANGUAGE_KEY);
    return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

export async function initI18n(): Promise<void> {
  const lang = storedLanguage();
  await i18n.init({
    lng: DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    resources: { id: { translation: MESSAGES_ID } },
    // Preact escapes text it renders; i18next must not escape it a second time.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  if (lang !== DEFAULT_LANGUAGE) await setLanguage(lang);
  document.documentElement.lang = i18n.language;
}

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
}

/** Switches the language (the header's switch): loads it, remembers it, updates <html lang>. */
export async function setLanguage(lang: Language): Promise<void> {
  await loadLanguage(lang);
  await i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(LANGUAGE_KEY, lang);
  } catch {
    // Private mode without storage: the choice lasts for this visit.
  }
  if (errorsLoaded) await loadErrorMessages();
}

let errorsLoaded = false;

/** The services' error messages (errors.<CODE>), loaded by the workplaces that show them. */
export async function loadErrorMessages(): Promise<void> {
  errorsLoaded = true;
  const { ERRORS_ID } = await import('./errors-id');
  i18n.addResourceBundle('id', 'translation', { errors: ERRORS_ID }, true, false);
  if (currentLanguage() === 'en') {
    const { ERRORS_EN } = await import('./errors-en');
    i18n.addResourceBundle('en', 'translation', { errors: ERRORS_EN }, true, false);
  }
}

/** The message for a service's problem code, or the general one when the code is new to this build. */
export function errorMessage(code: string | undefined): string {
  const key = code && i18n.exists(`errors.${code}`) ? `errors.${code}` : 'errors.HTTP_ERROR';
  return i18n.t(key);
}

/**
 * A workplace's own words, under its key (`mitra`, `meja`, …): Indonesian at once, English now if it is loaded and
 * whenever the person switches to it. Each workplace's chunk carries its words; the first screen does not.
 */
export function addWorkplaceWords(key: string, id: object, en: object): void {
  i18n.addResourceBundle('id', 'translation', { [key]: id }, true, false);
  const addEnglish = (): void => {
    if (i18n.hasResourceBundle('en', 'translation')) i18n.addResourceBundle('en', 'translation', { [key]: en }, true, false);
  };
  addEnglish();
  i18n.on('languageChanged', (lng) => {
    if (lng === 'en') addEnglish();
  });
}
