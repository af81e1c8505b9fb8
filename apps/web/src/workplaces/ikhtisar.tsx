/** Ikhtisar (overview): the office's figures, and the way to the reporting dashboard. */
import { i18n } from '../i18n/i18n';
import { useServices } from '../shell/context';
import { WorkplaceIntro } from './workplace-intro';

export default function Ikhtisar() {
  const { config } = useServices();
  return (
    <WorkplaceIntro workplace="ikhtisar">
      <p>
        <a class="button primary" href={config.dashboardUrl}>
          {i18n.t('workplaces.ikhtisar.dashboard')}
        </a>
      </p>
      <p class="hint">{i18n.t('workplaces.ikhtisar.dashboardHint')}</p>
    </WorkplaceIntro>
  );
}
