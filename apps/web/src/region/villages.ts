/**
 * The desa / kelurahan of Kabupaten Nagekeo (53.16) by kecamatan, for every screen that asks for a village: the
 * partner's report (the village of the family's address, which names the mother who has no NIK: the domain's
 * deedCaseKey), a case opened at the desk, a resident's move or return.
 *
 * Why a copy: `@adminduk/domain/villages` carries all 83k villages of Indonesia (≈ 500 kB gzip), and the service
 * worker precaches every chunk, so importing it would put half a megabyte on every midwife's phone for the 113
 * villages of this regency. These lines are the regency's lines of the domain's data, in its compact encoding
 * (`<kecamatan>:<4 digits><name>;…`): Kemendagri region codes, Kepmendagri 300.2.2-2430/2025 edition, compiled by
 * Cahya DSN (github.com/cahyadsn/wilayah, MIT licence; see libs/domain/data/wilayah/README.md). villages.spec.ts
 * fails when they differ from `listVillages` of the domain library, so the two cannot drift apart.
 */
export const VILLAGES_REGENCY = '5316';

const VILLAGES = `
531601:1001Dhawe;1003Mbay I;1005Towak;1007Mbay II;1009Danga;1011Lape;2002Labolewa;2004Tedamude;2006Nggolonio;2008Olaia;2010Aerama;2012Marapokot;2013Tonggurambang;2014Waekokak;2015Ngegedhawe;2016Tadakisa;2017Nggolombay;2018Nangadhero
531602:1001Nangaroro;2002Podenura;2003Tonggo;2004Wokodekororo;2005Riti;2006Kotakeo;2007Pagomogo;2008Degalea;2009Ulupulu;2010Bidoa;2011Utetoto;2012Nataute;2013Woedoa;2014Woewutu;2015Ulupulu I;2016Wokowoe;2017Kotakeo Satu;2018Kotakeo Dua;2019Kodaute
531603:1001Natanage;1003Nagesapadhi;1005Nageoga;1007Wolopogo;1009Rega;1011Ratongamobo;1013Olakile;1021Natanage Timur;2002Rowa;2004Solo;2006Legederu;2008Nagerawe;2010Kelewae;2012Kelimado;2014Mulakoli;2015Wea Au;2016Raja;2017Wolowea;2018Gerodhere;2019Dhereisa;2020Rigi;2022Alorawe;2023Focolodorawe;2024Wolowea Timur;2025Wolowea Barat;2026Raja Timur;2027Raja Selatan
531604:1001Mauponggo;2002Bela;2003Wolokisa;2004Wuliwalo;2005Maukeli;2006Aewoe;2007Wolotelu;2008Sawu;2009Jawapogo;2010Ululoga;2011Lodaolo;2012Woloede;2013Woewolo;2014Salalejo;2015Ua;2016Kotagana;2017Lokalaba;2018Lajawajo;2019Keliwatulewa;2020Wololelu;2021Selalejo Timur
531605:2001Tendatoto;2002Totomala;2003Tendakinde;2004Anakoli;2005Natatoto
531606:2001Witurombaua;2002Lewangera;2003Wajo;2004Kotowuji Timur;2005Kotowuji Barat;2006Mbaenuamuri;2007Udiworowatu;2008Kotodirumali;2009Pautola;2010Ladolima;2011Keli;2012Ngera;2013Ladolima Timur;2014Ladolima Utara;2015Wajo Timur;2016Paumali
531607:2001Rendubutowe;2002Tengatiba;2003Langedhawe;2004Renduteno;2005Renduwawo;2006Wajomara;2007Rendut Tutubhada
`;

export interface VillageChoice {
  /** 10 digits: '5316031001'. */
  readonly code: string;
  readonly name: string;
  /** 'kelurahan' (first digit 1) or 'desa'. */
  readonly kind: 'kelurahan' | 'desa';
}

let byDistrict: Map<string, VillageChoice[]> | undefined;

function index(): Map<string, VillageChoice[]> {
  if (byDistrict) return byDistrict;
  byDistrict = new Map();
  for (const line of VILLAGES.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const district = line.slice(0, colon);
    byDistrict.set(
      district,
      line
        .slice(colon + 1)
        .split(';')
        .map((item) => ({ code: district + item.slice(0, 4), name: item.slice(4), kind: item[0] === '1' ? 'kelurahan' : 'desa' })),
    );
  }
  return byDistrict;
}

/** The current villages of a kecamatan of this regency, by code; empty for a kecamatan elsewhere. */
export function villagesOf(districtCode: string): readonly VillageChoice[] {
  return index().get(districtCode) ?? [];
}
