/** Jemput Bola (tablet, offline): the Wednesday and Friday village visits. */
import { WorkplaceIntro } from './workplace-intro';

export default function JemputBola() {
  return <WorkplaceIntro workplace="jemput-bola" />;
}
