/** Laporan Mitra (phone, 390 px): a midwife at a Pustu or a parish secretary reports a birth or a death and follows it. */
import { WorkplaceIntro } from './workplace-intro';

export default function LaporanMitra() {
  return <WorkplaceIntro workplace="mitra" />;
}
