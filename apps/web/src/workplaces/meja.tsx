/** Meja Petugas (desktop): the cases queue, documents, verify / register / issue, residents and family cards. */
import { WorkplaceIntro } from './workplace-intro';

export default function MejaPetugas() {
  return <WorkplaceIntro workplace="meja" />;
}
