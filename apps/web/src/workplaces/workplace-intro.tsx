/** The heading and purpose of a workplace, with an honest line that its screens are still being built. */
import type { ComponentChildren } from 'preact';
import { i18n } from '../i18n/i18n';
import { PageTitle } from '../shell/pages';
import type { Workplace } from './access';

export function WorkplaceIntro({ workplace, children }: { readonly workplace: Workplace; readonly children?: ComponentChildren }) {
  return (
    <section class="page workplace" data-workplace={workplace}>
      <PageTitle>{i18n.t(`workplaces.${workplace}.title`)}</PageTitle>
      <p class="lead">{i18n.t(`workplaces.${workplace}.lead`)}</p>
      {children}
      <p class="notice">{i18n.t('workplace.building')}</p>
    </section>
  );
}
