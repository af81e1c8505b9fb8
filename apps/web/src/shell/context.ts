/** What every screen of the signed-in app can reach: the configuration, the session, the API clients. */
import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { Api } from '../api/clients';
import type { Session, SessionState } from '../auth/session';
import type { RuntimeConfig } from '../config/runtime-config';
import type { Store } from '../store';

export interface AppServices {
  readonly config: RuntimeConfig;
  readonly session: Session;
  readonly api: Api;
  /** False while the device has no network (navigator.onLine and its events). */
  readonly online: Store<boolean>;
  /** Set when a new version of the app is waiting: calling it reloads into the new version. */
  readonly update: Store<(() => void) | undefined>;
}

export const AppContext = createContext<AppServices | undefined>(undefined);

export function useServices(): AppServices {
  const services = useContext(AppContext);
  if (!services) throw new Error('useServices outside <AppContext.Provider>');
  return services;
}

export function useStore<T>(store: Store<T>): T {
  // Lazy initial state and updater functions: the stored value may itself be a function.
  const [value, setValue] = useState<T>(() => store.get());
  useEffect(() => {
    setValue(() => store.get());
    return store.subscribe((v) => setValue(() => v));
  }, [store]);
  return value;
}

export function useSessionState(session: Session): SessionState {
  const [state, setState] = useState(session.state);
  useEffect(() => {
    setState(session.state);
    return session.subscribe(setState);
  }, [session]);
  return state;
}
