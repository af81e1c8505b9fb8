/** The words on screen in English, the second language (loaded when chosen). Same keys as messages-id.ts. */
import type { Messages } from './messages-id';

export const MESSAGES_EN: Messages = {
  app: {
    name: 'Adminduk Nagekeo',
    office: 'Population and Civil Registration Office, Kabupaten Nagekeo',
    skip: 'Skip to content',
    loading: 'Loading…',
  },
  nav: {
    label: 'Workplaces',
    mitra: 'Laporan Mitra (partner reports)',
    meja: "Meja Petugas (clerk's desk)",
    'jemput-bola': 'Jemput Bola (village visits)',
    ikhtisar: 'Ikhtisar (overview)',
  },
  roles: {
    operator: 'Operator',
    registrar: 'Registrar (Petugas Registrasi)',
    partner: 'Partner (Mitra)',
    analyst: 'Analyst',
    integrator: 'Integrator',
    admin: 'Administrator',
    none: 'No role',
    withInstitution: '{{role}} ({{institution}})',
  },
  header: {
    signedInAs: 'Signed in as',
    signOut: 'Sign out',
    signingOut: 'Signing out…',
    unsentWarning: '{{count}} pieces of work are not sent yet. Signing out deletes them from this device. Sign out anyway?',
    language: 'Language',
  },
  languages: { id: 'Bahasa Indonesia', en: 'English' },
  offline: {
    banner: 'No signal. The app still opens; work to be sent waits until the signal is back.',
  },
  update: {
    available: 'A new version of the app is available.',
    reload: 'Reload',
  },
  landing: {
    title: 'Welcome to Adminduk Nagekeo',
    lead: "The working app of the civil registration office for partners and staff: birth and death reports, deed cases, family cards and e-KTP, and the village visits.",
    signIn: 'Sign in',
    signInHint: 'Use the account the office gave you. Once signed in, the app keeps working in a village without signal.',
    inactive: 'The app’s data on this device was wiped because it was not used for 3 days. Please sign in again.',
    expired: 'Your session has ended. Please sign in again.',
    needsSignal: 'Signing in needs a signal. Try again once the device is online.',
    signInFailed: 'The sign-in page could not be opened. Check the signal and try again.',
    workplacesTitle: 'Workplaces',
  },
  callback: {
    working: 'Finishing signing in…',
    failedTitle: 'Signing in did not succeed',
    tryAgain: 'Sign in again',
    errors: {
      PROVIDER_UNREACHABLE: 'The sign-in service cannot be reached. Check the signal and sign in again.',
      SIGN_IN_NOT_STARTED: 'This sign-in was not started on this device, or has already finished. Please sign in again.',
      SIGN_IN_STATE_MISMATCH: "The sign-in service's answer does not match this device's request, so it was refused for safety. Please sign in again.",
      SIGN_IN_REFUSED: 'The sign-in service did not give permission (perhaps it was cancelled). Sign in again, or ask the office administrator if your account is not active yet.',
      SIGN_IN_INVALID: "The sign-in service's answer is not valid. Sign in again; if it happens again, tell the office administrator.",
    },
  },
  config: {
    title: 'The app cannot open yet',
    lead: 'The app settings (config.json) cannot be used:',
    advice: 'The office administrator needs to fix this on the server. Pass the message above to them, then try again.',
    retry: 'Try again',
    problems: {
      CONFIG_UNREACHABLE: 'config.json could not be fetched from the server (no signal, or the server does not answer).',
      CONFIG_NOT_FOUND: 'There is no config.json on the server.',
      CONFIG_NOT_JSON: 'config.json does not hold valid JSON.',
      CONFIG_NOT_OBJECT: 'config.json must hold one JSON object.',
      FIELD_MISSING: 'The field "{{field}}" is missing.',
      FIELD_NOT_TEXT: 'The field "{{field}}" must be text.',
      ISSUER_INVALID: 'The field "{{field}}" must be the full address of the sign-in service (http or https), without ? or #.',
      ISSUER_NOT_HTTPS: 'The field "{{field}}" must use https (http only for a sign-in service on this computer).',
      CLIENT_ID_INVALID: 'The field "{{field}}" may hold only letters, digits, dots, colons, underscores or dashes.',
      URL_INVALID: 'The field "{{field}}" is not a valid address (start with / for an address on this server, or write the full address).',
      CLAIM_NAME_INVALID: 'The field "{{field}}" must be a claim name, e.g. roles or realm_access.roles.',
    },
  },
  workplace: {
    building: 'This screen is being built. The team is preparing it and it will be available here soon.',
    loadFailed: 'This screen could not be loaded. Check the signal, then reload.',
    reload: 'Reload',
    notAllowedTitle: 'Not your workplace',
    notAllowed: 'This workplace is not available for your role. Ask the office administrator if you need it.',
    goHome: 'To your workplace',
  },
  workplaces: {
    mitra: {
      title: 'Laporan Mitra (partner reports)',
      lead: 'For midwives at a Pustu and parish or religious institution secretaries: report a birth or a death and follow it until the deed is ready.',
    },
    meja: {
      title: "Meja Petugas (clerk's desk)",
      lead: 'Incoming cases, supporting documents, verification, registration and issuing of deeds, and the residents and family cards.',
    },
    'jemput-bola': {
      title: 'Jemput Bola (village visits)',
      lead: 'The Wednesday and Friday village visits: the services to bring, recording on the spot, working without signal.',
    },
    ikhtisar: {
      title: 'Ikhtisar (overview)',
      lead: "The office's main figures: e-KTP recording, KIA, birth deeds and the village visits.",
      dashboard: 'Open the population indicators dashboard',
      dashboardHint: "The dashboard shows the indicators per kecamatan and village, with trends and data downloads (in Indonesian).",
    },
  },
  notFound: {
    title: 'Page not found',
    lead: 'This address does not exist in the app.',
    back: 'Back to the start page',
  },
  time: { zone: 'WITA' },
};
