/** Jemput Bola (tablet, offline first): the Wednesday and Friday village visits (jemput-bola/screen.tsx). */
import { JemputBolaScreen } from './jemput-bola/screen';

export default function JemputBola() {
  return <JemputBolaScreen />;
}
