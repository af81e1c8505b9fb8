// GENERATED FILE: do not edit. Made by tools/regions/compile-regions.mjs from
// libs/domain/data/wilayah/ (Kemendagri region codes, Kepmendagri 300.2.2-2430/2025 edition, compiled by
// Cahya DSN, github.com/cahyadsn/wilayah, MIT licence; see that folder's README for source and caveats).
// 38 provinces, 514 regencies, 7285 kecamatan; retired: 26 regencies, 594 kecamatan.
// Encoding: see tools/regions/compile-regions.mjs and libs/domain/src/regions/compact.ts.
export const PROVINCES = `
11Aceh
12Sumatera Utara
13Sumatera Barat
14Riau
15Jambi
16Sumatera Selatan
17Bengkulu
18Lampung
19Kepulauan Bangka Belitung
21Kepulauan Riau
31Daerah Khusus Ibukota Jakarta
32Jawa Barat
33Jawa Tengah
34Daerah Istimewa Yogyakarta
35Jawa Timur
36Banten
51Bali
52Nusa Tenggara Barat
53Nusa Tenggara Timur
61Kalimantan Barat
62Kalimantan Tengah
63Kalimantan Selatan
64Kalimantan Timur
65Kalimantan Utara
71Sulawesi Utara
72Sulawesi Tengah
73Sulawesi Selatan
74Sulawesi Tenggara
75Gorontalo
76Sulawesi Barat
81Maluku
82Maluku Utara
91Papua
92Papua Barat
93Papua Selatan
94Papua Tengah
95Papua Pegunungan
96Papua Barat Daya
`;
export const REGENCIES = `
1101Kabupaten Aceh Selatan
1102Kabupaten Aceh Tenggara
1103Kabupaten Aceh Timur
1104Kabupaten Aceh Tengah
1105Kabupaten Aceh Barat
1106Kabupaten Aceh Besar
1107Kabupaten Pidie
1108Kabupaten Aceh Utara
1109Kabupaten Simeulue
1110Kabupaten Aceh Singkil
1111Kabupaten Bireuen
1112Kabupaten Aceh Barat Daya
1113Kabupaten Gayo Lues
1114Kabupaten Aceh Jaya
1115Kabupaten Nagan Raya
1116Kabupaten Aceh Tamiang
1117Kabupaten Bener Meriah
1118Kabupaten Pidie Jaya
1171Kota Banda Aceh
1172Kota Sabang
1173Kota Lhokseumawe
1174Kota Langsa
1175Kota Subulussalam
1201Kabupaten Tapanuli Tengah
1202Kabupaten Tapanuli Utara
1203Kabupaten Tapanuli Selatan
1204Kabupaten Nias
1205Kabupaten Langkat
1206Kabupaten Karo
1207Kabupaten Deli Serdang
1208Kabupaten Simalungun
1209Kabupaten Asahan
1210Kabupaten Labuhanbatu
1211Kabupaten Dairi
1212Kabupaten Toba
1213Kabupaten Mandailing Natal
1214Kabupaten Nias Selatan
1215Kabupaten Pakpak Bharat
1216Kabupaten Humbang Hasundutan
1217Kabupaten Samosir
1218Kabupaten Serdang Bedagai
1219Kabupaten Batu Bara
1220Kabupaten Padang Lawas Utara
1221Kabupaten Padang Lawas
1222Kabupaten Labuhanbatu Selatan
1223Kabupaten Labuhanbatu Utara
1224Kabupaten Nias Utara
1225Kabupaten Nias Barat
1271Kota Medan
1272Kota Pematangsiantar
1273Kota Sibolga
1274Kota Tanjungbalai
1275Kota Binjai
1276Kota Tebing Tinggi
1277Kota Padangsidimpuan
1278Kota Gunungsitoli
1301Kabupaten Pesisir Selatan
1302Kabupaten Solok
1303Kabupaten Sijunjung
1304Kabupaten Tanah Datar
1305Kabupaten Padang Pariaman
1306Kabupaten Agam
1307Kabupaten Lima Puluh Kota
1308Kabupaten Pasaman
1309Kabupaten Kepulauan Mentawai
1310Kabupaten Dharmasraya
1311Kabupaten Solok Selatan
1312Kabupaten Pasaman Barat
1371Kota Padang
1372Kota Solok
1373Kota Sawahlunto
1374Kota Padang Panjang
1375Kota Bukittinggi
1376Kota Payakumbuh
1377Kota Pariaman
1401Kabupaten Kampar
1402Kabupaten Indragiri Hulu
1403Kabupaten Bengkalis
1404Kabupaten Indragiri Hilir
1405Kabupaten Pelalawan
1406Kabupaten Rokan Hulu
1407Kabupaten Rokan Hilir
1408Kabupaten Siak
1409Kabupaten Kuantan Singingi
1410Kabupaten Kepulauan Meranti
1471Kota Pekanbaru
1472Kota Dumai
1501Kabupaten Kerinci
1502Kabupaten Merangin
1503Kabupaten Sarolangun
1504Kabupaten Batanghari
1505Kabupaten Muaro Jambi
1506Kabupaten Tanjung Jabung Barat
1507Kabupaten Tanjung Jabung Timur
1508Kabupaten Bungo
1509Kabupaten Tebo
1571Kota Jambi
1572Kota Sungai Penuh
1601Kabupaten Ogan Komering Ulu
1602Kabupaten Ogan Komering Ilir
1603Kabupaten Muara Enim
1604Kabupaten Lahat
1605Kabupaten Musi Rawas
1606Kabupaten Musi Banyuasin
1607Kabupaten Banyuasin
1608Kabupaten Ogan Komering Ulu Timur
1609Kabupaten Ogan Komering Ulu Selatan
1610Kabupaten Ogan Ilir
1611Kabupaten Empat Lawang
1612Kabupaten Penukal Abab Lematang Ilir
1613Kabupaten Musi Rawas Utara
1671Kota Palembang
1672Kota Pagar Alam
1673Kota Lubuk Linggau
1674Kota Prabumulih
1701Kabupaten Bengkulu Selatan
1702Kabupaten Rejang Lebong
1703Kabupaten Bengkulu Utara
1704Kabupaten Kaur
1705Kabupaten Seluma
1706Kabupaten Mukomuko
1707Kabupaten Lebong
1708Kabupaten Kepahiang
1709Kabupaten Bengkulu Tengah
1771Kota Bengkulu
1801Kabupaten Lampung Selatan
1802Kabupaten Lampung Tengah
1803Kabupaten Lampung Utara
1804Kabupaten Lampung Barat
1805Kabupaten Tulang Bawang
1806Kabupaten Tanggamus
1807Kabupaten Lampung Timur
1808Kabupaten Way Kanan
1809Kabupaten Pesawaran
1810Kabupaten Pringsewu
1811Kabupaten Mesuji
1812Kabupaten Tulang Bawang Barat
1813Kabupaten Pesisir Barat
1871Kota Bandar Lampung
1872Kota Metro
1901Kabupaten Bangka
1902Kabupaten Belitung
1903Kabupaten Bangka Selatan
1904Kabupaten Bangka Tengah
1905Kabupaten Bangka Barat
1906Kabupaten Belitung Timur
1971Kota Pangkal Pinang
2101Kabupaten Bintan
2102Kabupaten Karimun
2103Kabupaten Natuna
2104Kabupaten Lingga
2105Kabupaten Kepulauan Anambas
2171Kota Batam
2172Kota Tanjung Pinang
3101Kabupaten Administrasi Kepulauan Seribu
3171Kota Administrasi Jakarta Pusat
3172Kota Administrasi Jakarta Utara
3173Kota Administrasi Jakarta Barat
3174Kota Administrasi Jakarta Selatan
3175Kota Administrasi Jakarta Timur
3201Kabupaten Bogor
3202Kabupaten Sukabumi
3203Kabupaten Cianjur
3204Kabupaten Bandung
3205Kabupaten Garut
3206Kabupaten Tasikmalaya
3207Kabupaten Ciamis
3208Kabupaten Kuningan
3209Kabupaten Cirebon
3210Kabupaten Majalengka
3211Kabupaten Sumedang
3212Kabupaten Indramayu
3213Kabupaten Subang
3214Kabupaten Purwakarta
3215Kabupaten Karawang
3216Kabupaten Bekasi
3217Kabupaten Bandung Barat
3218Kabupaten Pangandaran
3271Kota Bogor
3272Kota Sukabumi
3273Kota Bandung
3274Kota Cirebon
3275Kota Bekasi
3276Kota Depok
3277Kota Cimahi
3278Kota Tasikmalaya
3279Kota Banjar
3301Kabupaten Cilacap
3302Kabupaten Banyumas
3303Kabupaten Purbalingga
3304Kabupaten Banjarnegara
3305Kabupaten Kebumen
3306Kabupaten Purworejo
3307Kabupaten Wonosobo
3308Kabupaten Magelang
3309Kabupaten Boyolali
3310Kabupaten Klaten
3311Kabupaten Sukoharjo
3312Kabupaten Wonogiri
3313Kabupaten Karanganyar
3314Kabupaten Sragen
3315Kabupaten Grobogan
3316Kabupaten Blora
3317Kabupaten Rembang
3318Kabupaten Pati
3319Kabupaten Kudus
3320Kabupaten Jepara
3321Kabupaten Demak
3322Kabupaten Semarang
3323Kabupaten Temanggung
3324Kabupaten Kendal
3325Kabupaten Batang
3326Kabupaten Pekalongan
3327Kabupaten Pemalang
3328Kabupaten Tegal
3329Kabupaten Brebes
3371Kota Magelang
3372Kota Surakarta
3373Kota Salatiga
3374Kota Semarang
3375Kota Pekalongan
3376Kota Tegal
3401Kabupaten Kulon Progo
3402Kabupaten Bantul
3403Kabupaten Gunungkidul
3404Kabupaten Sleman
3471Kota Yogyakarta
3501Kabupaten Pacitan
3502Kabupaten Ponorogo
3503Kabupaten Trenggalek
3504Kabupaten Tulungagung
3505Kabupaten Blitar
3506Kabupaten Kediri
3507Kabupaten Malang
3508Kabupaten Lumajang
3509Kabupaten Jember
3510Kabupaten Banyuwangi
3511Kabupaten Bondowoso
3512Kabupaten Situbondo
3513Kabupaten Probolinggo
3514Kabupaten Pasuruan
3515Kabupaten Sidoarjo
3516Kabupaten Mojokerto
3517Kabupaten Jombang
3518Kabupaten Nganjuk
3519Kabupaten Madiun
3520Kabupaten Magetan
3521Kabupaten Ngawi
3522Kabupaten Bojonegoro
3523Kabupaten Tuban
3524Kabupaten Lamongan
3525Kabupaten Gresik
3526Kabupaten Bangkalan
3527Kabupaten Sampang
3528Kabupaten Pamekasan
3529Kabupaten Sumenep
3571Kota Kediri
3572Kota Blitar
3573Kota Malang
3574Kota Probolinggo
3575Kota Pasuruan
3576Kota Mojokerto
3577Kota Madiun
3578Kota Surabaya
3579Kota Batu
3601Kabupaten Pandeglang
3602Kabupaten Lebak
3603Kabupaten Tangerang
3604Kabupaten Serang
3671Kota Tangerang
3672Kota Cilegon
3673Kota Serang
3674Kota Tangerang Selatan
5101Kabupaten Jembrana
5102Kabupaten Tabanan
5103Kabupaten Badung
5104Kabupaten Gianyar
5105Kabupaten Klungkung
5106Kabupaten Bangli
5107Kabupaten Karangasem
5108Kabupaten Buleleng
5171Kota Denpasar
5201Kabupaten Lombok Barat
5202Kabupaten Lombok Tengah
5203Kabupaten Lombok Timur
5204Kabupaten Sumbawa
5205Kabupaten Dompu
5206Kabupaten Bima
5207Kabupaten Sumbawa Barat
5208Kabupaten Lombok Utara
5271Kota Mataram
5272Kota Bima
5301Kabupaten Kupang
5302Kabupaten Timor Tengah Selatan
5303Kabupaten Timor Tengah Utara
5304Kabupaten Belu
5305Kabupaten Alor
5306Kabupaten Flores Timur
5307Kabupaten Sikka
5308Kabupaten Ende
5309Kabupaten Ngada
5310Kabupaten Manggarai
5311Kabupaten Sumba Timur
5312Kabupaten Sumba Barat
5313Kabupaten Lembata
5314Kabupaten Rote Ndao
5315Kabupaten Manggarai Barat
5316Kabupaten Nagekeo
5317Kabupaten Sumba Tengah
5318Kabupaten Sumba Barat Daya
5319Kabupaten Manggarai Timur
5320Kabupaten Sabu Raijua
5321Kabupaten Malaka
5371Kota Kupang
6101Kabupaten Sambas
6102Kabupaten Mempawah
6103Kabupaten Sanggau
6104Kabupaten Ketapang
6105Kabupaten Sintang
6106Kabupaten Kapuas Hulu
6107Kabupaten Bengkayang
6108Kabupaten Landak
6109Kabupaten Sekadau
6110Kabupaten Melawi
6111Kabupaten Kayong Utara
6112Kabupaten Kubu Raya
6171Kota Pontianak
6172Kota Singkawang
6201Kabupaten Kotawaringin Barat
6202Kabupaten Kotawaringin Timur
6203Kabupaten Kapuas
6204Kabupaten Barito Selatan
6205Kabupaten Barito Utara
6206Kabupaten Katingan
6207Kabupaten Seruyan
6208Kabupaten Sukamara
6209Kabupaten Lamandau
6210Kabupaten Gunung Mas
6211Kabupaten Pulang Pisau
6212Kabupaten Murung Raya
6213Kabupaten Barito Timur
6271Kota Palangkaraya
6301Kabupaten Tanah Laut
6302Kabupaten Kotabaru
6303Kabupaten Banjar
6304Kabupaten Barito Kuala
6305Kabupaten Tapin
6306Kabupaten Hulu Sungai Selatan
6307Kabupaten Hulu Sungai Tengah
6308Kabupaten Hulu Sungai Utara
6309Kabupaten Tabalong
6310Kabupaten Tanah Bumbu
6311Kabupaten Balangan
6371Kota Banjarmasin
6372Kota Banjarbaru
6401Kabupaten Paser
6402Kabupaten Kutai Kartanegara
6403Kabupaten Berau
6407Kabupaten Kutai Barat
6408Kabupaten Kutai Timur
6409Kabupaten Penajam Paser Utara
6411Kabupaten Mahakam Ulu
6471Kota Balikpapan
6472Kota Samarinda
6474Kota Bontang
6501Kabupaten Bulungan
6502Kabupaten Malinau
6503Kabupaten Nunukan
6504Kabupaten Tana Tidung
6571Kota Tarakan
7101Kabupaten Bolaang Mongondow
7102Kabupaten Minahasa
7103Kabupaten Kepulauan Sangihe
7104Kabupaten Kepulauan Talaud
7105Kabupaten Minahasa Selatan
7106Kabupaten Minahasa Utara
7107Kabupaten Minahasa Tenggara
7108Kabupaten Bolaang Mongondow Utara
7109Kabupaten Kep. Siau Tagulandang Biaro
7110Kabupaten Bolaang Mongondow Timur
7111Kabupaten Bolaang Mongondow Selatan
7171Kota Manado
7172Kota Bitung
7173Kota Tomohon
7174Kota Kotamobagu
7201Kabupaten Banggai
7202Kabupaten Poso
7203Kabupaten Donggala
7204Kabupaten Toli-Toli
7205Kabupaten Buol
7206Kabupaten Morowali
7207Kabupaten Banggai Kepulauan
7208Kabupaten Parigi Moutong
7209Kabupaten Tojo Una Una
7210Kabupaten Sigi
7211Kabupaten Banggai Laut
7212Kabupaten Morowali Utara
7271Kota Palu
7301Kabupaten Kepulauan Selayar
7302Kabupaten Bulukumba
7303Kabupaten Bantaeng
7304Kabupaten Jeneponto
7305Kabupaten Takalar
7306Kabupaten Gowa
7307Kabupaten Sinjai
7308Kabupaten Bone
7309Kabupaten Maros
7310Kabupaten Pangkajene dan Kepulauan
7311Kabupaten Barru
7312Kabupaten Soppeng
7313Kabupaten Wajo
7314Kabupaten Sidenreng Rappang
7315Kabupaten Pinrang
7316Kabupaten Enrekang
7317Kabupaten Luwu
7318Kabupaten Tana Toraja
7322Kabupaten Luwu Utara
7324Kabupaten Luwu Timur
7326Kabupaten Toraja Utara
7371Kota Makassar
7372Kota Parepare
7373Kota Palopo
7401Kabupaten Kolaka
7402Kabupaten Konawe
7403Kabupaten Muna
7404Kabupaten Buton
7405Kabupaten Konawe Selatan
7406Kabupaten Bombana
7407Kabupaten Wakatobi
7408Kabupaten Kolaka Utara
7409Kabupaten Konawe Utara
7410Kabupaten Buton Utara
7411Kabupaten Kolaka Timur
7412Kabupaten Konawe Kepulauan
7413Kabupaten Muna Barat
7414Kabupaten Buton Tengah
7415Kabupaten Buton Selatan
7471Kota Kendari
7472Kota Bau Bau
7501Kabupaten Gorontalo
7502Kabupaten Boalemo
7503Kabupaten Bone Bolango
7504Kabupaten Pohuwato
7505Kabupaten Gorontalo Utara
7571Kota Gorontalo
7601Kabupaten Pasangkayu
7602Kabupaten Mamuju
7603Kabupaten Mamasa
7604Kabupaten Polewali Mandar
7605Kabupaten Majene
7606Kabupaten Mamuju Tengah
8101Kabupaten Maluku Tengah
8102Kabupaten Maluku Tenggara
8103Kabupaten Kepulauan Tanimbar
8104Kabupaten Buru
8105Kabupaten Seram Bagian Timur
8106Kabupaten Seram Bagian Barat
8107Kabupaten Kepulauan Aru
8108Kabupaten Maluku Barat Daya
8109Kabupaten Buru Selatan
8171Kota Ambon
8172Kota Tual
8201Kabupaten Halmahera Barat
8202Kabupaten Halmahera Tengah
8203Kabupaten Halmahera Utara
8204Kabupaten Halmahera Selatan
8205Kabupaten Kepulauan Sula
8206Kabupaten Halmahera Timur
8207Kabupaten Pulau Morotai
8208Kabupaten Pulau Taliabu
8271Kota Ternate
8272Kota Tidore Kepulauan
9103Kabupaten Jayapura
9105Kabupaten Kepulauan Yapen
9106Kabupaten Biak Numfor
9110Kabupaten Sarmi
9111Kabupaten Keerom
9115Kabupaten Waropen
9119Kabupaten Supiori
9120Kabupaten Mamberamo Raya
9171Kota Jayapura
9202Kabupaten Manokwari
9203Kabupaten Fak Fak
9206Kabupaten Teluk Bintuni
9207Kabupaten Teluk Wondama
9208Kabupaten Kaimana
9211Kabupaten Manokwari Selatan
9212Kabupaten Pegunungan Arfak
9301Kabupaten Merauke
9302Kabupaten Boven Digoel
9303Kabupaten Mappi
9304Kabupaten Asmat
9401Kabupaten Nabire
9402Kabupaten Puncak Jaya
9403Kabupaten Paniai
9404Kabupaten Mimika
9405Kabupaten Puncak
9406Kabupaten Dogiyai
9407Kabupaten Intan Jaya
9408Kabupaten Deiyai
9501Kabupaten Jayawijaya
9502Kabupaten Pegunungan Bintang
9503Kabupaten Yahukimo
9504Kabupaten Tolikara
9505Kabupaten Mamberamo Tengah
9506Kabupaten Yalimo
9507Kabupaten Lanny Jaya
9508Kabupaten Nduga
9601Kabupaten Sorong
9602Kabupaten Sorong Selatan
9603Kabupaten Raja Ampat
9604Kabupaten Tambrauw
9605Kabupaten Maybrat
9671Kota Sorong
`;
export const RETIRED_REGENCIES = `
9101KAB. MERAUKE@2016-2022
9102KAB. JAYAWIJAYA@2016-2022
9104KAB. NABIRE@2016-2022
9107KAB. PUNCAK JAYA@2016-2022
9108KAB. PANIAI@2016-2022
9109KAB. MIMIKA@2016-2022
9112KAB. PEGUNUNGAN BINTANG@2016-2022
9113KAB. YAHUKIMO@2016-2022
9114KAB. TOLIKARA@2016-2022
9116KAB. BOVEN DIGOEL@2016-2022
9117KAB. MAPPI@2016-2022
9118KAB. ASMAT@2016-2022
9121KAB. MAMBERAMO TENGAH@2016-2022
9122KAB. YALIMO@2016-2022
9123KAB. LANNY JAYA@2016-2022
9124KAB. NDUGA@2016-2022
9125KAB. PUNCAK@2016-2022
9126KAB. DOGIYAI@2016-2022
9127KAB. INTAN JAYA@2016-2022
9128KAB. DEIYAI@2016-2022
9201KAB. SORONG@2016-2023
9204KAB. SORONG SELATAN@2016-2023
9205KAB. RAJA AMPAT@2016-2023
9209KAB. TAMBRAUW@2016-2023
9210KAB. MAYBRAT@2016-2023
9271KOTA SORONG@2016-2023
`;
export const DISTRICTS = `
1101:01Bakongan;02Kluet Utara;03Kluet Selatan;04Labuhanhaji;05Meukek;06Samadua;07Sawang;08Tapaktuan;09Trumon;10Pasie Raja;11Labuhanhaji Timur;12Labuhanhaji Barat;13Kluet Tengah;14Kluet Timur;15Bakongan Timur;16Trumon Timur;17Kota Bahagia;18Trumon Tengah
1102:01Lawe Alas;02Lawe Sigala-Gala;03Bambel;04Babussalam;05Badar;06Babul Makmur;07Darul Hasanah;08Lawe Bulan;09Bukit Tusam;10Semadam;11Babul Rahmah;12Ketambe;13Deleng Pokhkisen;14Lawe Sumur;15Tanoh Alas;16Leuser
1103:01Darul Aman;02Julok;03Idi Rayeuk;04Birem Bayeun;05Serbajadi;06Nurussalam;07Peureulak;08Rantau Selamat;09Simpang Ulim;10Ranto Peureulak;11Pante Bidari;12Madat;13Indra Makmu;14Idi Tunong;15Banda Alam;16Peudawa;17Peureulak Timur;18Peureulak Barat;19Sungai Raya;20Simpang Jernih;21Darul Ihsan;22Darul Falah;23Idi Timur;24Peunaron
1104:01Linge;02Silih Nara;03Bebesen;07Pegasing;08Bintang;10Ketol;11Kebayakan;12Kute Panang;13Celala;17Laut Tawar;18Atu Lintang;19Jagong Jeget;20Bies;21Rusip Antara
1105:01Johan Pahlawan;02Kaway XVI;03Sungai Mas;04Woyla;05Samatiga;06Bubon;07Arongan Lambalek;08Pante Ceureumen;09Meureubo;10Woyla Barat;11Woyla Timur;12Panton Reu
1106:01Lhoong;02Lhoknga;03Indrapuri;04Seulimeum;05Montasik;06Sukamakmur;07Darul Imarah;08Peukan Bada;09Mesjid Raya;10Ingin Jaya;11Kuta Baro;12Darussalam;13Pulo Aceh;14Lembah Seulawah;15Kota Jantho;16Kuta Cot Glie;17Kuta Malaka;18Simpang Tiga;19Darul Kamal;20Baitussalam;21Krueng Barona Jaya;22Leupung;23Blang Bintang
1107:03Batee;04Delima;05Geumpang;06Glumpang Tiga;07Indrajaya;08Kembang Tanjong;09Kota Sigli;11Mila;12Muara Tiga;13Mutiara;14Padang Tiji;15Peukan Baro;16Pidie;17Sakti;18Simpang Tiga;19Tangse;21Tiro/Truseb;22Keumala;24Mutiara Timur;25Grong-grong;27Mane;29Glumpang Baro;31Titeue
1108:01Baktiya;02Dewantara;03Kuta Makmur;04Lhoksukon;05Matangkuli;06Muara Batu;07Meurah Mulia;08Samudera;09Seunuddon;10Syamtalira Aron;11Syamtalira Bayu;12Tanah Luas;13Tanah Pasir;14Tanah Jambo Aye;15Sawang;16Nisam;17Cot Girek;18Langkahan;19Baktiya Barat;20Paya Bakong;21Nibong;22Simpang Keuramat;23Lapang;24Pirak Timu;25Geureudong Pase;26Banda Baro;27Nisam Antara
1109:01Simeulue Tengah;02Salang;03Teupah Barat;04Simeulue Timur;05Teluk Dalam;06Simeulue Barat;07Teupah Selatan;08Alafan;09Teupah Tengah;10Simeulue Cut
1110:01Pulau Banyak;02Simpang Kanan;04Singkil;06Gunung Meriah;09Kota Baharu;10Singkil Utara;11Danau Paris;12Suro Makmur;13Singkohor;14Kuala Baru;16Pulau Banyak Barat
1111:01Samalanga;02Jeunieb;03Peudada;04Jeumpa;05Peusangan;06Makmur;07Gandapura;08Pandrah;09Juli;10Jangka;11Simpang Mamplam;12Peulimbang;13Kota Juang;14Kuala;15Peusangan Siblah Krueng;16Peusangan Selatan;17Kuta Blang
1112:01Blangpidie;02Tangan-Tangan;03Manggeng;04Susoh;05Kuala Batee;06Babah Rot;07Setia;08Jeumpa;09Lembah Sabil
1113:01Blangkejeren;02Kutapanjang;03Rikit Gaib;04Terangun;05Pining;06Blangpegayon;07Puteri Betung;08Dabun Gelang;09Blangjerango;10Teripe Jaya;11Pantan Cuaca
1114:01Teunom;02Krueng Sabee;03Setia Bakti;04Sampoi Niet;05Jaya;06Panga;07Indra Jaya;08Darul Hikmah;09Pasie Raya
1115:01Kuala;02Seunagan;03Seunagan Timur;04Beutong;05Darul Makmur;06Suka Makmue;07Kuala Pesisir;08Tadu Raya;09Tripa Makmur;10Beutong Ateuh Banggalang
1116:01Manyak Payed;02Bendahara;03Karang Baru;04Seruway;05Kota Kualasinpang;06Kejuruan Muda;07Tamiang Hulu;08Rantau;09Banda Mulia;10Bandar Pusaka;11Tenggulun;12Sekerak
1117:01Pintu Rime Gayo;02Permata;03Syiah Utama;04Bandar;05Bukit;06Wih Pesam;07Timang gajah;08Bener Kelipah;09Mesidah;10Gajah Putih
1118:01Meureudu;02Ulim;03Jangka Buya;04Bandar Dua;05Meurah Dua;06Bandar Baru;07Panteraja;08Trienggadeng
1171:01Baiturrahman;02Kuta Alam;03Meuraxa;04Syiah Kuala;05Lueng Bata;06Kuta Raja;07Banda Raya;08Jaya Baru;09Ulee Kareng
1172:01Sukakarya;02Sukajaya;03Sukamakmue
1173:01Muara Dua;02Banda Sakti;03Blang Mangat;04Muara Satu
1174:01Langsa Timur;02Langsa Barat;03Langsa Kota;04Langsa Lama;05Langsa Baro
1175:01Simpang Kiri;02Penanggalan;03Rundeng;04Sultan Daulat;05Longkib
1201:01Barus;02Sorkam;03Pandan;04Pinangsori;05Manduamas;06Kolang;07Tapian Nauli;08Sibabangun;09Sosorgadong;10Sorkam Barat;11Sirandorung;12Andam Dewi;13Sitahuis;14Tukka;15Badiri;16Pasaribu Tobing;17Barus Utara;18Suka Bangun;19Lumut;20Sarudik
1202:01Tarutung;02Siatas Barita;03Adiankoting;04Sipoholon;05Pahae Julu;06Pahae Jae;07Simangumban;08Purbatua;09Siborongborong;10Pagaran;11Parmonangan;12Sipahutar;13Pangaribuan;14Garoga;15Muara
1203:01Angkola Barat;02Batang Toru;03Angkola Timur;04Sipirok;05Saipar Dolok Hole;06Angkola Selatan;07Batang Angkola;14Arse;20Marancar;21Sayur Matinggi;22Aek Bilah;29Muara Batang Toru;30Tano Tombangan Angkola;31Angkola Sangkunur;32Angkola Muara Tais
1204:05Hiliduho;06Gido;10Idanogawo;11Bawolato;20Hiliserangkai;21Botomuzoi;27Ulugawo;28Ma'u;29Somolo-molo;35Sogae'adu
1205:01Bahorok;02Salapian;03Kuala;04Sei Bingai;05Binjai;06Selesai;07Stabat;08Wampu;09Secanggang;10Hinai;11Tanjung Pura;12Padang Tualang;13Gebang;14Babalan;15Pangkalan Susu;16Besitang;17Sei Lepan;18Berandan Barat;19Batang Serangan;20Sawit Seberang;21Sirapit;22Kutambaru;23Pematang Jaya
1206:01Kabanjahe;02Berastagi;03Barusjahe;04Tigapanah;05Merek;06Munte;07Juhar;08Tigabinanga;09Laubaleng;10Mardingding;11Payung;12Simpang Empat;13Kutabuluh;14Dolat Rayat;15Merdeka;16Naman Teran;17Tiganderket
1207:01Gunung Meriah;02Tanjung Morawa;03Sibolangit;04Kutalimbaru;05Pancur Batu;06Namo Rambe;07Biru-Biru;08Sinembah Tanjung Muda Hilir;09Bangun Purba;19Galang;20Sinembah Tanjung Muda Hulu;21Patumbak;22Deli Tua;23Sunggal;24Hamparan Perak;25Labuhan Deli;26Percut Sei Tuan;27Batang Kuis;28Lubuk Pakam;31Pagar Merbau;32Pantai Labu;33Beringin
1208:01Siantar;02Gunung Malela;03Gunung Maligas;04Panei;05Panombeian Panei;06Jorlang Hataran;07Raya Kahean;08Bosar Maligas;09Sidamanik;10Pamatang Sidamanik;11Tanah Jawa;12Hatonduhan;13Dolok Panribuan;14Purba;15Haranggaol Horisan;16Girsang Sipangan Bolon;17Dolok Batu Nanggar;18Hutabayu Raja;19Jawa Maraja Bah Jambi;20Dolok Pardamean;21Pematang Bandar;22Bandar Huluan;23Bandar;24Bandar Masilam;25Silimakuta;26Dolok Silao;27Silou Kahean;28Tapian Dolok;29Raya;30Ujung Padang;31Pamatang Silima Huta;32Dolog Masagal
1209:08Meranti;09Air Joman;10Tanjung Balai;11Sei Kepayang;12Simpang Empat;13Air Batu;14Pulau Rakyat;15Bandar Pulau;16Buntu Pane;17Bandar Pasir Mandoge;18Aek Kuasan;19Kota Kisaran Barat;20Kota Kisaran Timur;21Aek Songsongan;22Rahuning;23Sei Dadap;24Sei Kepayang Barat;25Sei Kepayang Timur;26Tinggi Raja;27Setia Janji;28Silau Laut;29Rawang Panca Arga;30Pulo Bandring;31Teluk Dalam;32Aek Ledong
1210:01Rantau Utara;02Rantau Selatan;07Bilah Barat;08Bilah Hilir;09Bilah Hulu;14Pangkatan;18Panai Tengah;19Panai Hilir;20Panai Hulu
1211:01Sidikalang;02Sumbul;03Tigalingga;04Siempat Nempu;05Silima Pungga Pungga;06Tanah Pinem;07Siempat Nempu Hulu;08Siempat Nempu Hilir;09Pegagan Hilir;10Parbuluan;11Lae Parira;12Gunung Sitember;13Berampu;14Silahisabungan;15Sitinjo
1212:01Balige;02Laguboti;03Silaen;04Habinsaran;05Pintu Pohan Meranti;06Borbor;07Porsea;08Ajibata;09Lumban Julu;10Uluan;19Sigumpar;20Siantar Narumonda;21Nassau;22Tampahan;23Bonatua Lunasi;24Parmaksian
1213:01Panyabungan;02Panyabungan Utara;03Panyabungan Timur;04Panyabungan Selatan;05Panyabungan Barat;06Siabu;07Bukit Malintang;08Kotanopan;09Lembah Sorik Marapi;10Tambangan;11Ulu Pungkut;12Muara Sipongi;13Batang Natal;14Lingga Bayu;15Batahan;16Natal;17Muara Batang Gadis;18Ranto Baek;19Huta Bargot;20Puncak Sorik Marapi;21Pakantan;22Sinunukan;23Naga Juang
1214:01Lolomatua;02Gomo;03Lahusa;04Hibala;05Pulau-Pulau Batu;06Teluk Dalam;07Amandraya;08Lolowau;09Susua;10Maniamolo;11Hilimegai;12Toma;13Mazino;14Umbunasi;15Aramo;16Pulau-Pulau Batu Timur;17Mazo;18Fanayama;19Ulunoyo;20Huruna;21O'o'u;22Onohazumba;23Hilisalawa'ahe;24Ulususua;25Sidua'ori;26Somambawa;27Boronadu;28Simuk;29Pulau-Pulau Batu Barat;30Pulau-Pulau Batu Utara;31Tanah Masa;32Luahagundre Maniamolo;33Onolalu;34Ulu Idanotae;35Idanotae
1215:01Sitelu Tali Urang Jehe;02Kerajaan;03Salak;04Sitelu Tali Urang Julu;05Pergetteng Getteng Sengkut;06Pagindar;07Tinada;08Siempat Rube
1216:01Parlilitan;02Pollung;03Baktiraja;04Paranginan;05Lintong Nihuta;06Dolok Sanggul;07Sijamapolang;08Onan Ganjang;09Pakkat;10Tarabintang
1217:01Simanindo;02Onan Runggu;03Nainggolan;04Palipi;05Harian;06Sianjar Mula Mula;07Ronggur Nihuta;08Pangururan;09Sitio-tio
1218:01Pantai Cermin;02Perbaungan;03Teluk Mengkudu;04Sei Rampah;05Tanjung Beringin;06Bandar Khalipah;07Dolok Merawan;08Sipispis;09Dolok Masihul;10Kotarih;11Silinda;12Serba Jadi;13Tebing Tinggi;14Pegajahan;15Sei Bamban;16Tebing Syahbandar;17Bintang Bayu
1219:01Medang Deras;02Sei Suka;03Air Putih;04Lima Puluh;05Talawi;06Tanjung Tiram;07Sei Balai;08Laut Tador;09Lima Puluh Pesisir;10Datuk Lima Puluh;11Datuk Tanah Datar;12Nibung Hangus
1220:01Dolok Sigompulon;02Dolok;03Halongonan;04Padang Bolak;05Padang Bolak Julu;06Portibi;07Batang Onang;08Simangambat;09Hulu Sihapas;10Padang Bolak Tenggara;11Halongonan Timur;12Ujung Batu
1221:01Sosopan;02Barumun Tengah;03Huristak;04Lubuk Barumun;05Hutaraja Tinggi;06Ulu Barumun;07Barumun;08Sosa;09Batang Lubu Sutam;10Barumun Selatan;11Aek Nabara Barumun;12Sihapas Barumun;13Barumun Baru;14Ulu Sosa;15Sosa Julu;16Barumun Barat;17Sosa Timur
1222:01Kotapinang;02Kampung Rakyat;03Torgamba;04Sungai Kanan;05Silangkitang
1223:01Kualuh Hulu;02Kualuh Leidong;03Kualuh Hilir;04Aek Kuo;05Marbau;06Na IX-X;07Aek Natas;08Kualuh Selatan
1224:01Lotu;02Sawo;03Tuhemberua;04Sitolu Ori;05Namohalu Esiwa;06Alasa Talumuzoi;07Alasa;08Tugala Oyo;09Afulu;10Lahewa;11Lahewa Timur
1225:01Lahomi;02Sirombu;03Mandrehe Barat;04Moro'o;05Mandrehe;06Mandrehe Utara;07Lolofitu Moi;08Ulu Moro'o
1271:01Medan Kota;02Medan Sunggal;03Medan Helvetia;04Medan Denai;05Medan Barat;06Medan Deli;07Medan Tuntungan;08Medan Belawan;09Medan Amplas;10Medan Area;11Medan Johor;12Medan Marelan;13Medan Labuhan;14Medan Tembung;15Medan Maimun;16Medan Polonia;17Medan Baru;18Medan Perjuangan;19Medan Petisah;20Medan Timur;21Medan Selayang
1272:01Siantar Timur;02Siantar Barat;03Siantar Utara;04Siantar Selatan;05Siantar Marihat;06Siantar Martoba;07Siantar Sitalasari;08Siantar Marimbun
1273:01Sibolga Utara;02Sibolga Kota;03Sibolga Selatan;04Sibolga Sambas
1274:01Tanjungbalai Selatan;02Tanjungbalai Utara;03Sei Tualang Raso;04Teluk Nibung;05Datuk Bandar;06Datuk Bandar Timur
1275:01Binjai Utara;02Binjai Kota;03Binjai Barat;04Binjai Timur;05Binjai Selatan
1276:01Padang Hulu;02Rambutan;03Padang Hilir;04Bajenis;05Tebing Tinggi Kota
1277:01Padangsidimpuan Utara;02Padangsidimpuan Selatan;03Padangsidimpuan Batunadua;04Padangsidimpuan Hutaimbaru;05Padangsidimpuan Tenggara;06Padangsidimpuan Angkola Julu
1278:01Gunungsitoli;02Gunungsitoli Selatan;03Gunungsitoli Utara;04Gunungsitoli Idanoi;05Gunungsitoli Alo'oa;06Gunungsitoli Barat
1301:01Pancung Soal;02Ranah Pesisir;03Lengayang;04Batang Kapas;05IV Jurai;06Bayang;07Koto XI Tarusan;08Sutera;09Linggo Sari Baganti;10Lunang;11Basa Ampek Balai Tapan;12IV Nagari Bayang Utara;13Airpura;14Ranah Ampek Hulu Tapan;15Silaut
1302:03Pantai Cermin;04Lembah Gumanti;05Payung Sekaki;06Lembang Jaya;07Gunung Talang;08Bukit Sundi;09IX Koto Sungai Lasi;10Kubung;11X Koto Singkarak;12X Koto Diatas;13Junjung Sirih;17Hiliran Gumanti;18Tigo Lurah;19Danau Kembar
1303:03Tanjung Gadang;04Sijunjung;05IV Nagari;06Kamang Baru;07Lubuk Tarok;08Koto VII;09Sumpur Kudus;10Kupitan
1304:01X Koto;02Batipuh;03Rambatan;04Lima Kaum;05Tanjung Emas;06Lintau Buo;07Sungayang;08Sungai Tarab;09Pariangan;10Salimpaung;11Padang Ganting;12Tanjuang Baru;13Lintau Buo Utara;14Batipuah Selatan
1305:01Lubuak Aluang;02Batang Anai;03Nan Sabaris;042 x 11 Anam Lingkuang;05VII Koto;06V Koto;07Sungai Garinggiang;08Sungai Limau;09IV Koto Aua Malintang;10Ulakan Tapakih;11Sintuak Toboh Gadang;12VII Koto Padang Sago;13Batang Gasan;14V Koto Timur;152 x 11 Kayu Tanam;16Koto Patamuan;17Anam Lingkuang
1306:01Tanjung Mutiara;02Lubuk Basung;03Tanjung Raya;04Matur;05IV Koto;06Banuhampu;07Ampek Angkek;08Baso;09Tilatang Kamang;10Palupuh;11Palembayan;12Sungai Pua;13Ampek Nagari;14Candung;15Kamang Magek;16Malalak
1307:01Suliki;02Guguak;03Payakumbuh;04Luak;05Harau;06Pangkalan Koto Baru;07Kapur IX;08Gunuang Omeh;09Lareh Sago Halaban;10Situjuah Limo Nagari;11Mungka;12Bukik Barisan;13Akabiluru
1308:04Bonjol;05Lubuk Sikaping;07Panti;08Mapat Tunggul;12Duo Koto;13Tigo Nagari;14Rao;15Mapat Tunggul Selatan;16Simpang Alahan Mati;17Padang Gelugur;18Rao Utara;19Rao Selatan
1309:01Pagai Utara;02Sipora Selatan;03Siberut Selatan;04Siberut Utara;05Siberut Barat;06Siberut Barat Daya;07Siberut Tengah;08Sipora Utara;09Sikakap;10Pagai Selatan
1310:01Koto Baru;02Pulau Punjung;03Sungai Rumbai;04Sitiung;05Sembilan Koto;06Timpeh;07Koto Salak;08Tiumang;09Padang Laweh;10Asam Jujuhan;11Koto Besar
1311:01Sangir;02Sungai Pagu;03Koto Parik Gadang Diateh;04Sangir Jujuan;05Sangir Batang Hari;06Pauh Duo;07Sangir Balai Janggo
1312:01Sungai Beremas;02Lembah Melintang;03Pasaman;04Talamau;05Kinali;06Gunung Tuleh;07Ranah Batahan;08Koto Balingka;09Sungai Aur;10Luhak Nan Duo;11Sasak Ranah Pasisie
1371:01Padang Selatan;02Padang Timur;03Padang Barat;04Padang Utara;05Bungus Teluk Kabung;06Lubuk Begalung;07Lubuk Kilangan;08Pauh;09Kuranji;10Nanggalo;11Koto Tangah
1372:01Lubuk Sikarah;02Tanjung Harapan
1373:01Lembah Segar;02Barangin;03Silungkang;04Talawi
1374:01Padang Panjang Timur;02Padang Panjang Barat
1375:01Guguak Panjang;02Mandiangin Koto Selayan;03Aur Birugo Tigo Baleh
1376:01Payakumbuh Barat;02Payakumbuh Utara;03Payakumbuh Timur;04Lamposi Tigo Nagori;05Payakumbuh Selatan
1377:01Pariaman Tengah;02Pariaman Utara;03Pariaman Selatan;04Pariaman Timur
1401:01Bangkinang Kota;02Kampar;03Tambang;04XIII Koto Kampar;05Kuok;06Siak Hulu;07Kampar Kiri;08Kampar Kiri Hilir;09Kampar Kiri Hulu;10Tapung;11Tapung Hilir;12Tapung Hulu;13Salo;14Rumbio Jaya;15Bangkinang;16Perhentian Raja;17Kampa;18Kampar Utara;19Kampar Kiri Tengah;20Gunung Sahilan;21Koto Kampar Hulu
1402:01Rengat;02Rengat Barat;03Kelayang;04Pasir Penyu;05Peranap;06Seberida;07Batang Cenaku;08Batang Gansal;09Lirik;10Kuala Cenaku;11Sungai Lala;12Lubuk Batu Jaya;13Rakit Kulim;14Batang Peranap
1403:01Bengkalis;02Bantan;03Bukit Batu;09Mandau;10Rupat;11Rupat Utara;12Siak Kecil;13Pinggir;14Bandar Laksamana;15Talang Muandau;16Bathin Solapan
1404:01Reteh;02Enok;03Kuala Indragiri;04Tembilahan;05Tempuling;06Gaung Anak Serka;07Mandah;08Kateman;09Keritang;10Tanah Merah;11Batang Tuaka;12Gaung;13Tembilahan Hulu;14Kemuning;15Pelangiran;16Teluk Belengkong;17Pulau Burung;18Concong;19Kempas;20Sungai Batang
1405:01Ukui;02Pangkalan Kerinci;03Pangkalan Kuras;04Pangkalan Lesung;05Langgam;06Pelalawan;07Kerumutan;08Bunut;09Teluk Meranti;10Kuala Kampar;11Bandar Sei Kijang;12Bandar Petalangan
1406:01Ujung Batu;02Rokan IV Koto;03Rambah;04Tambusai;05Kepenuhan;06Kunto Darussalam;07Rambah Samo;08Rambah Hilir;09Tambusai Utara;10Bangun Purba;11Tandun;12Kabun;13Bonai Darussalam;14Pagaran Tapah Darussalam;15Kepenuhan Hulu;16Pendalian IV Koto
1407:01Kubu;02Bangko;03Tanah Putih;04Rimba Melintang;05Bagansinembah;06Pasir Limau Kapas;07Sinaboi;08Pujud;09Tanah Putih Tanjung Melawan;10Bangko Pusako;11Simpang Kanan;12Batu Hampar;13Rantau Kopar;14Pekaitan;15Kubu Babussalam;16Tanjung Medan;17Bagan Sinembah Raya;18Balai Jaya
1408:01Siak;02Sungai Apit;03Minas;04Tualang;05Sungai Mandau;06Dayun;07Kerinci Kanan;08Bunga Raya;09Koto Gasib;10Kandis;11Lubuk Dalam;12Sabak Auh;13Mempura;14Pusako
1409:01Kuantan Mudik;02Kuantan Tengah;03Singingi;04Kuantan Hilir;05Cerenti;06Benai;07Gunungtoar;08Singingi Hilir;09Pangean;10Logas Tanah Darat;11Inuman;12Hulu Kuantan;13Kuantan Hilir Seberang;14Sentajo Raya;15Pucuk Rantau
1410:01Tebing Tinggi;02Rangsang Barat;03Rangsang;04Tebing Tinggi Barat;05Merbau;06Pulaumerbau;07Tebing Tinggi Timur;08Tasik Putri Puyu;09Rangsang Pesisir
1471:01Sukajadi;02Pekanbaru Kota;03Sail;04Limapuluh;05Senapelan;06Rumbai Barat;07Bukit Raya;08Binawidya;09Marpoyan Damai;10Tenayan Raya;11Payung Sekaki;12Rumbai;13Tuahmadani;14Kulim;15Rumbai Timur
1472:01Dumai Barat;02Dumai Timur;03Bukit Kapur;04Sungai Sembilan;05Medang Kampai;06Dumai Kota;07Dumai Selatan
1501:01Gunung Raya;02Danau Kerinci;04Sitinjau Laut;05Air Hangat;06Gunung Kerinci;07Batang Merangin;08Keliling Danau;09Kayu Aro;11Air Hangat Timur;15Gunung Tujuh;16Siulak;17Depati Tujuh;18Siulak Mukai;19Kayu Aro Barat;20Bukit Kerman;21Air Hangat Barat;22Tanah Cogok;23Danau Kerinci Barat
1502:01Jangkat;02Bangko;03Muara Siau;04Sungai Manau;05Tabir;06Pamenang;07Tabir Ulu;08Tabir Selatan;09Lembah Masurai;10Bangko Barat;11Nalo Tantan;12Batang Masumai;13Pamenang Barat;14Tabir Ilir;15Tabir Timur;16Renah Pembarap;17Pangkalan Jambu;18Jangkat Timur;19Renah Pamenang;20Pamenang Selatan;21Margo Tabir;22Tabir Lintas;23Tabir Barat;24Tiang Pumpung
1503:01Batang Asai;02Limun;03Sarolangun;04Pauh;05Pelawan;06Mandiangin;07Air Hitam;08Bathin VIII;09Singkut;10Cermin Nan Gedang;11Mandiangin Timur
1504:01Mersam;02Muara Tembesi;03Muara Bulian;04Batin XXIV;05Pemayung;06Maro Sebo Ulu;07Bajubang;08Maro Sebo Ilir
1505:01Jambi Luar Kota;02Sekernan;03Kumpeh;04Maro Sebo;05Mestong;06Kumpeh Ulu;07Sungai Bahar;08Sungai Gelam;09Bahar Utara;10Bahar Selatan;11Taman Rajo
1506:01Tungkal Ulu;02Tungkal Ilir;03Pengabuan;04Betara;05Merlung;06Tebing Tinggi;07Batang Asam;08Renah Mendaluh;09Muara Papalik;10Seberang Kota;11Bram Itam;12Kuala Betara;13Senyerang
1507:01Muara Sabak Timur;02Nipah Panjang;03Mendahara;04Rantau Rasau;05Sadu;06Dendang;07Muara Sabak Barat;08Kuala Jambi;09Mendahara Ulu;10Geragai;11Berbak
1508:01Tanah Tumbuh;02Rantau Pandan;03Pasar Muaro Bungo;04Jujuhan;05Tanah Sepenggal;06Pelepat;07Limbur Lubuk Mengkuang;08Muko-muko Bathin VII;09Pelepat Ilir;10Batin II Babeko;11Bathin III;12Bungo Dani;13Rimbo Tengah;14Bathin III Ulu;15Bathin II Pelayang;16Jujuhan Ilir;17Tanah Sepenggal Lintas
1509:01Tebo Tengah;02Tebo Ilir;03Tebo Ulu;04Rimbo Bujang;05Sumay;06VII Koto;07Rimbo Ulu;08Rimbo Ilir;09Tengah Ilir;10Serai Serumpun;11VII Koto Ilir;12Muara Tabir
1571:01Telanaipura;02Jambi Selatan;03Jambi Timur;04Pasar Jambi;05Pelayangan;06Danau Teluk;07Kota Baru;08Jelutung;09Alam Barajo;10Danau Sipin;11Paal Merah
1572:01Sungai Penuh;02Pesisir Bukit;03Hamparan Rawang;04Tanah Kampung;05Kumun Debai;06Pondok Tinggi;07Koto Baru;08Sungai Bungkal
1601:07Sosoh Buay Rayap;08Pengandonan;09Peninjauan;13Baturaja Barat;14Baturaja Timur;20Ulu Ogan;21Semidang Aji;22Lubuk Batang;28Lengkiti;29Sinar Peninjauan;30Lubuk Raja;31Muara Jaya;32Kedaton Peninjauan Raya
1602:02Tanjung Lubuk;03Pedamaran;04Mesuji;05Kayu Agung;08Sirah Pulau Padang;11Tulung Selapan;12Pampangan;13Lempuing;14Air Sugihan;15Sungai Menang;17Jejawi;18Cengal;19Pangkalan Lampam;20Mesuji Makmur;21Mesuji Raya;22Lempuing Jaya;23Teluk Gelam;24Pedamaran Timur
1603:01Tanjung Agung;02Muara Enim;03Rambang Niru;04Gunung Megang;06Gelumbang;07Lawang Kidul;08Semende Darat Laut;09Semende Darat Tengah;10Semende Darat Ulu;11Ujan Mas;14Lubai;15Rambang;16Sungai Rotan;17Lembak;19Benakat;21Kelekar;22Muara Belida;23Belimbing;24Belida Darat;25Lubai Ulu;26Empat Petulai Dangku;27Panang Enim
1604:01Tanjungsakti Pumu;06Jarai;07Kota Agung;08Pulau Pinang;09Merapi Barat;10Lahat;12Pajar Bulan;15Mulak Ulu;16Kikim Selatan;17Kikim Timur;18Kikim Tengah;19Kikim Barat;20Pseksu;21Gumay Talang;22Pagar Gunung;23Merapi Timur;24Tanjung Sakti Pumi;25Gumay Ulu;26Merapi Selatan;27Tanjungtebat;28Muarapayang;29Sukamerindu;30Mulak Sebingkai;31Lahat Selatan
1605:01Tugumulyo;02Muara Lakitan;03Muara Kelingi;08Jayaloka;09Muara Beliti;10STL Ulu Terawas;11Selangit;12Megang Sakti;13Purwodadi;14BTS. Ulu;18Tiang Pumpung Kepungut;19Sumber Harta;20Tuah Negeri;21Suka Karya
1606:01Sekayu;02Lais;03Sungai Keruh;04Batang Hari Leko;05Sanga Desa;06Babat Toman;07Sungai Lilin;08Keluang;09Bayung Lencir;10Plakat Tinggi;11Lalan;12Tungkal Jaya;13Lawan Wetan;14Babat Supat;15Jirak Jaya
1607:01Banyuasin I;02Banyuasin II;03Banyuasin III;04Pulau Rimau;05Betung;06Rambutan;07Muara Padang;08Muara Telang;09Makarti Jaya;10Talang Kelapa;11Rantau Bayur;12Tanjung Lago;13Muara Sugihan;14Air Salek;15Tungkal Ilir;16Suak Tapeh;17Sembawa;18Sumber Marga Telang;19Air Kumbang;20Karang Agung Ilir;21Selat Penuguan
1608:01Martapura;02Buay Madang;03Belitang;04Cempaka;05Buay Pemuka Peliung;06Madang Suku II;07Madang Suku I;08Semendawai Suku III;09Belitang II;10Belitang III;11Bunga Mayang;12Buay Madang Timur;13Madang Suku III;14Semendawai Barat;15Semendawai Timur;16Jayapura;17Belitang Jaya;18Belitang Madang Raya;19Belitang Mulya;20Buay Pemuka Bangsa Raja
1609:01Muara Dua;02Pulau Beringin;03Banding Agung;04Muara Dua Kisam;05Simpang;06Buay Sandang Aji;07Buay Runjung;08Mekakau Ilir;09Buay Pemaca;10Kisam Tinggi;11Kisam Ilir;12Buay Pematang Ribu Ranau Tengah;13Warkuk Ranau Selatan;14Runjung Agung;15Sungai Are;16Sindang Danau;17Buana Pemaca;18Tiga Dihaji;19Buay Rawan
1610:01Muara Kuang;02Tanjung Batu;03Tanjung Raja;04Indralaya;05Pemulutan;06Rantau Alai;07Indralaya Utara;08Indralaya Selatan;09Pemulutan Selatan;10Pemulutan Barat;11Rantau Panjang;12Sungai Pinang;13Kandis;14Rambang Kuang;15Lubuk Keliat;16Payaraman
1611:01Muara Pinang;02Pendopo;03Ulu Musi;04Tebing Tinggi;05Lintang Kanan;06Talang Padang;07Pasemah Air Keruh;08Sikap Dalam;09Saling;10Pendopo Barat
1612:01Talang Ubi;02Penukal Utara;03Penukal;04Abab;05Tanah Abang
1613:01Rupit;02Rawas Ulu;03Nibung;04Rawas Ilir;05Karang Dapo;06Karang Jaya;07Ulu Rawas
1671:01Ilir Barat Dua;02Seberang Ulu Satu;03Seberang Ulu Dua;04Ilir Barat Satu;05Ilir Timur Satu;06Ilir Timur Dua;07Sukarami;08Sako;09Kemuning;10Kalidoni;11Bukitkecil;12Gandus;13Kertapati;14Plaju;15Alang-alang Lebar;16Sematangborang;17Jakabaring;18Ilir Timur Tiga
1672:01Pagar Alam Utara;02Pagar Alam Selatan;03Dempo Utara;04Dempo Selatan;05Dempo Tengah
1673:01Lubuk Linggau Timur I;02Lubuk Linggau Barat I;03Lubuk Linggau Selatan I;04Lubuk Linggau Utara I;05Lubuk Linggau Timur II;06Lubuk Linggau Barat II;07Lubuk Linggau Selatan II;08Lubuk Linggau Utara II
1674:01Prabumulih Barat;02Prabumulih Timur;03Cambai;04Rambang Kapak Tengah;05Prabumulih Utara;06Prabumulih Selatan
1701:01Kedurang;02Seginim;03Pino;04Manna;05Kota Manna;06Pino Raya;07Kedurang Ilir;08Air Nipis;09Ulu Manna;10Bunga Mas;11Pasar Manna
1702:06Kota Padang;07Padang Ulak Tanding;08Sindang Kelingi;09Curup;10Bermani Ulu;11Selupu Rejang;16Curup Utara;17Curup Timur;18Curup Selatan;19Curup Tengah;20Binduriang;21Sindang Beliti Ulu;22Sindang Dataran;23Sindang Beliti Ilir;24Bermani Ulu Raya
1703:01Enggano;06Kerkap;07Kota Arga Makmur;08Giri Mulya;09Padang Jaya;10Lais;11Batik Nau;12Ketahun;13Napal Putih;14Putri Hijau;15Air Besi;16Air Napal;19Hulu Palik;20Air Padang;21Arma Jaya;22Tanjung Agung Palik;23Ulok Kupai;24Pinang Raya;25Marga Sakti Sebelat
1704:01Kinal;02Tanjung Kemuning;03Kaur Utara;04Kaur Tengah;05Kaur Selatan;06Maje;07Nasal;08Semidang Gumay;09Kelam Tengah;10Luas;11Muara Sahung;12Tetap;13Lungkang Kule;14Padang Guci Hilir;15Padang Guci Hulu
1705:01Sukaraja;02Seluma;03Talo;04Semidang Alas;05Semidang Alas Maras;06Air Periukan;07Lubuk Sandi;08Seluma Barat;09Seluma Timur;10Seluma Utara;11Seluma Selatan;12Talo Kecil;13Ulu Talo;14Ilir Talo
1706:01Lubuk Pinang;02Kota Mukomuko;03Teras Terunjam;04Pondok Suguh;05Ipuh;06Malin Deman;07Air Rami;08Teramang Jaya;09Selagan Raya;10Penarik;11XIV Koto;12V Koto;13Air Manjunto;14Air Dikit;15Sungai Rumbai
1707:01Lebong Utara;02Lebong Atas;03Lebong Tengah;04Lebong Selatan;05Rimbo Pengadang;06Topos;07Bingin Kuning;08Lebong Sakti;09Tubei;10Amen;11Uram Jaya;12Pinang Belapis
1708:01Bermani Ilir;02Ujan Mas;03Tebat Karai;04Kepahiang;05Merigi;06Kebawetan;07Seberang Musi;08Muara Kemumu
1709:01Karang Tinggi;02Talang Empat;03Pondok Kelapa;04Pematang Tiga;05Pagar Jati;06Taba Penanjung;07Merigi Kelindang;08Merigi Sakti;09Pondok Kubang;10Bang Haji;11Semidang Lagan
1771:01Selebar;02Gading Cempaka;03Teluk Segara;04Muara Bangka Hulu;05Kampung Melayu;06Ratu Agung;07Ratu Samban;08Sungai Serut;09Singaran Pati
1801:04Natar;05Tanjung Bintang;06Kalianda;07Sidomulyo;08Katibung;09Penengahan;10Palas;13Jati Agung;14Ketapang;15Sragi;16Raja Basa;17Candipuro;18Merbau Mataram;21Bakauheni;22Tanjung Sari;23Way Sulan;24Way Panji
1802:01Kalirejo;02Bangun Rejo;03Padang Ratu;04Gunung Sugih;05Trimurjo;06Punggur;07Terbanggi Besar;08Seputih Raman;09Rumbia;10Seputih Banyak;11Seputih Mataram;12Seputih Surabaya;13Terusan Nunyai;14Bumi Ratu Nuban;15Bekri;16Seputih Agung;17Way Pengubuan;18Bandar Mataram;19Pubian;20Selagai Lingga;21Anak Tuha;22Sendang Agung;23Kota Gajah;24Bumi Nabung;25Way Seputih;26Bandar Surabaya;27Anak Ratu Aji;28Putra Rumbia
1803:01Bukit Kemuning;02Kotabumi;03Sungkai Selatan;04Tanjung Raja;05Abung Timur;06Abung Barat;07Abung Selatan;08Sungkai Utara;09Kotabumi Utara;10Kotabumi Selatan;11Abung Tengah;12Abung Tinggi;13Abung Semuli;14Abung Surakarta;15Muara Sungkai;16Bunga Mayang;17Hulu Sungkai;18Sungkai Tengah;19Abung Pekurun;20Sungkai Jaya;21Sungkai Barat;22Abung Kunang;23Blambangan Pagar
1804:04Balik Bukit;05Sumber Jaya;06Belalau;07Way Tenong;08Sekincau;09Suoh;10Batu Brak;11Sukau;15Gedung Surian;18Kebun Tebu;19Air Hitam;20Pagar Dewa;21Batu Ketulis;22Lumbok Seminung;23Bandar Negeri Suoh
1805:02Menggala;06Gedung Aji;08Banjar Agung;11Gedung Meneng;12Rawa Jitu Selatan;13Penawar Tama;18Rawa Jitu Timur;20Banjar Margo;22Rawa Pitu;23Penawar Aji;25Dente Teladas;26Meraksa Aji;27Gedung Aji Baru;29Banjar Baru;30Menggala Timur
1806:01Kota Agung;02Talang Padang;03Wonosobo;04Pulau Panggung;09Cukuh Balak;11Pugung;12Semaka;13Sumberejo;15Ulu Belu;16Pematang Sawa;17Kelumbayan;18Kota Agung Barat;19Kota Agung Timur;20Gisting;21Gunung Alip;24Limau;25Bandar Negeri Semuong;26Air Naningan;27Bulok;28Kelumbayan Barat
1807:01Sukadana;02Labuhan Maringgai;03Jabung;04Pekalongan;05Sekampung;06Batanghari;07Way Jepara;08Purbolinggo;09Raman Utara;10Metro Kibang;11Marga Tiga;12Sekampung Udik;13Batanghari Nuban;14Bumi Agung;15Bandar Sribhawono;16Mataram Baru;17Melinting;18Gunung Pelindung;19Pasir Sakti;20Waway Karya;21Labuhan Ratu;22Braja Selebah;23Way Bungur;24Marga Sekampung
1808:01Blambangan Umpu;02Kasui;03Banjit;04Baradatu;05Bahuga;06Pakuan Ratu;07Negeri Agung;08Way Tuba;09Rebang Tangkas;10Gunung Labuhan;11Negara Batin;12Negeri Besar;13Buay Bahuga;14Bumi Agung;15Umpu Semenguk
1809:01Gedong Tataan;02Negeri Katon;03Tegineneng;04Way Lima;05Padang Cermin;06Punduh Pidada;07Kedondong;08Marga Punduh;09Way Khilau;10Teluk Pandan;11Way Ratai
1810:01Pringsewu;02Gading Rejo;03Ambarawa;04Pardasuka;05Pagelaran;06Banyumas;07Adiluwih;08Sukoharjo;09Pagelaran Utara
1811:01Mesuji;02Mesuji Timur;03Rawa Jitu Utara;04Way Serdang;05Simpang Pematang;06Panca Jaya;07Tanjung Raya
1812:01Tulang Bawang Tengah;02Tumijajar;03Tulang Bawang Udik;04Gunung Terang;05Gunung Agung;06Way Kenanga;07Lambu Kibang;08Pagar Dewa;09Batu Putih
1813:01Pesisir Tengah;02Pesisir Selatan;03Lemong;04Pesisir Utara;05Karya Penggawa;06Pulau Pisang;07Way Krui;08Krui Selatan;09Ngambur;10Ngaras;11Bangkunat
1871:01Kedaton;02Sukarame;03Tanjungkarang Barat;04Panjang;05Tanjungkarang Timur;06Tanjungkarang Pusat;07Telukbetung Selatan;08Telukbetung Barat;09Telukbetung Utara;10Rajabasa;11Tanjung Senang;12Sukabumi;13Kemiling;14Labuhan Ratu;15Way Halim;16Langkapura;17Enggal;18Kedamaian;19Telukbetung Timur;20Bumi Waras
1872:01Metro Pusat;02Metro Utara;03Metro Barat;04Metro Timur;05Metro Selatan
1901:01Sungailiat;02Belinyu;03Merawang;04Mendo Barat;05Pemali;06Bakam;07Riau Silip;08Puding Besar
1902:01Tanjungpandan;02Membalong;03Selat Nasik;04Sijuk;05Badau
1903:01Toboali;02Lepar;03Airgegas;04Simpang Rimba;05Payung;06Tukak Sadai;07Pulau Besar;08Kepulauan Pongok
1904:01Koba;02Pangkalan Baru;03Sungai Selan;04Simpang Katis;05Namang;06Lubuk Besar
1905:01Mentok;02Simpang Teritip;03Jebus;04Kelapa;05Tempilang;06Parittiga
1906:01Manggar;02Gantung;03Dendang;04Kelapa Kampit;05Damar;06Simpang Renggiang;07Simpang Pesak
1971:01Bukit Intan;02Taman Sari;03Pangkal Balam;04Rangkui;05Gerunggang;06Gabek;07Girimaya
2101:04Gunung Kijang;06Bintan Timur;07Bintan Utara;08Teluk Bintan;09Tambelan;10Teluk Sebong;12Toapaya;13Mantang;14Bintan Pesisir;15Seri Kuala Lobam
2102:01Moro;02Kundur;03Karimun;04Meral;05Tebing;06Buru;07Kundur Utara;08Kundur Barat;09Durai;10Meral Barat;11Ungar;12Belat;13Selat Gelam;14Sugie Besar
2103:04Midai;05Bunguran Barat;06Serasan;07Bunguran Timur;08Bunguran Utara;09Subi;10Pulau Laut;11Pulau Tiga;15Bunguran Timur Laut;16Bunguran Tengah;18Bunguran Selatan;19Serasan Timur;20Bunguran Batubi;21Pulau Tiga Barat;22Suak Midai;23Pulau Panjang;24Pulau Seluan
2104:01Singkep;02Lingga;03Senayang;04Singkep Barat;05Lingga Utara;06Singkep Pesisir;07Lingga Timur;08Selayar;09Singkep Selatan;10Kepulauan Posek;11Katang Bidare;12Temiang Pesisir;13Bakung Serumpun
2105:01Siantan;02Palmatak;03Siantan Timur;04Siantan Selatan;05Jemaja Timur;06Jemaja;07Siantan Tengah;08Siantan Utara;09Jemaja Barat;10Kute Siantan
2171:01Belakang Padang;02Batu Ampar;03Sekupang;04Nongsa;05Bulang;06Lubuk Baja;07Sei Beduk;08Galang;09Bengkong;10Batam Kota;11Sagulung;12Batu Aji
2172:01Tanjung Pinang Barat;02Tanjung Pinang Timur;03Tanjung Pinang Kota;04Bukit Bestari
3101:01Kepulauan Seribu Utara;02Kepulauan Seribu Selatan
3171:01Gambir;02Sawah Besar;03Kemayoran;04Senen;05Cempaka Putih;06Menteng;07Tanah Abang;08Johar Baru
3172:01Penjaringan;02Tanjung Priok;03Koja;04Cilincing;05Pademangan;06Kelapa Gading
3173:01Cengkareng;02Grogol Petamburan;03Taman Sari;04Tambora;05Kebon Jeruk;06Kalideres;07Pal Merah;08Kembangan
3174:01Tebet;02Setiabudi;03Mampang Prapatan;04Pasar Minggu;05Kebayoran Lama;06Cilandak;07Kebayoran Baru;08Pancoran;09Jagakarsa;10Pesanggrahan
3175:01Matraman;02Pulogadung;03Jatinegara;04Kramatjati;05Pasar Rebo;06Cakung;07Duren Sawit;08Makasar;09Ciracas;10Cipayung
3201:01Cibinong;02Gunungputri;03Citeureup;04Sukaraja;05Babakan Madang;06Jonggol;07Cileungsi;08Cariu;09Sukamakmur;10Parung;11Gunungsindur;12Kemang;13Bojonggede;14Leuwiliang;15Ciampea;16Cibungbulang;17Pamijahan;18Rumpin;19Jasinga;20Parungpanjang;21Nanggung;22Cigudeg;23Tenjo;24Ciawi;25Cisarua;26Megamendung;27Caringin;28Cijeruk;29Ciomas;30Dramaga;31Tamansari;32Klapanunggal;33Ciseeng;34Rancabungur;35Sukajaya;36Tanjungsari;37Tajurhalang;38Cigombong;39Leuwisadeng;40Tenjolaya
3202:01Palabuhanratu;02Simpenan;03Cikakak;04Bantargadung;05Cisolok;06Cikidang;07Lengkong;08Jampangtengah;09Warungkiara;10Cikembar;11Cibadak;12Nagrak;13Parungkuda;14Bojonggenteng;15Parakansalak;16Cicurug;17Cidahu;18Kalapanunggal;19Kabandungan;20Waluran;21Jampangkulon;22Ciemas;23Kalibunder;24Surade;25Cibitung;26Ciracap;27Gunungguruh;28Cicantayan;29Cisaat;30Kadudampit;31Caringin;32Sukabumi;33Sukaraja;34Kebonpedes;35Cireunghas;36Sukalarang;37Pabuaran;38Purabaya;39Nyalindung;40Gegerbitung;41Sagaranten;42Curugkembar;43Cidolog;44Cidadap;45Tegalbuleud;46Cimanggu;47Ciambar
3203:01Cianjur;02Warungkondang;03Cibeber;04Cilaku;05Ciranjang;06Bonjogpicung;07Karangtengah;08Mande;09Sukaluyu;10Pacet;11Cugenang;12Cikalongkulon;13Sukaresmi;14Sukanagara;15Campaka;16Takokak;17Kadupandak;18Pagelarang;19Tanggeung;20Cubinong;21Sindangbarang;22Agrabinta;23Cidaun;24Naringgul;25Campakamulya;26Cikadu;27Gekbrong;28Cipanas;29Cijati;30Leles;31Haurwangi;32Pasirkuda
3204:05Cileunyi;06Cimenyan;07Cilengkrang;08Bojongsoang;09Margahayu;10Margaasih;11Katapang;12Dayeuhkolot;13Banjaran;14Pameungpeuk;15Pangalengan;16Arjasari;17Cimaung;25Cicalengka;26Nagreg;27Cikancung;28Rancaekek;29Ciparay;30Pacet;31Kertasari;32Baleendah;33Majalaya;34Solokanjeruk;35Paseh;36Ibun;37Soreang;38Pasirjambu;39Ciwidey;40Rancabali;44Cangkuang;46Kutawaringin
3205:01Garut Kota;02Karangpawitan;03Wanaraja;04Tarogong Kaler;05Tarogong Kidul;06Banyuresmi;07Samarang;08Pasirwangi;09Leles;10Kadungora;11Leuwigoong;12Cibatu;13Kersamanah;14Malangbong;15Sukawening;16Karangtengah;17Bayongbong;18Cigedug;19Cilawu;20Cisurupan;21Sukaresmi;22Cikajang;23Banjarwangi;24Singajaya;25Cihurip;26Peundeuy;27Pameungpeuk;28Cisompet;29Cibalong;30Cikelet;31Bungbulang;32Mekarmukti;33Pakenjeng;34Pamulihan;35Cisewu;36Caringin;37Talegong;38Limbangan;39Selaawi;40Cibiuk;41Pangatikan;42Sucinaraja
3206:01Cipatujah;02Karangnunggal;03Cikalong;04Pancatengah;05Cikatomas;06Cibalong;07Parungponteng;08Bantarkalong;09Bojongasih;10Culamega;11Bojonggambir;12Sodonghilir;13Taraju;14Salawu;15Puspahiang;16Tanjungjaya;17Sukaraja;18Salopa;19Jatiwaras;20Cineam;21Karang Jaya;22Manonjaya;23Gunung Tanjung;24Singaparna;25Mangunreja;26Sukarame;27Cigalontang;28Leuwisari;29Padakembang;30Sariwangi;31Sukaratu;32Cisayong;33Sukahening;34Rajapolah;35Jamanis;36Ciawi;37Kadipaten;38Pagerageung;39Sukaresik
3207:01Ciamis;02Cikoneng;03Cijeungjing;04Sadananya;05Cidolog;06Cihaurbeuti;07Panumbangan;08Panjalu;09Kawali;10Panawangan;11Cipaku;12Jatinagara;13Rajadesa;14Sukadana;15Rancah;16Tambaksari;17Lakbok;18Banjarsari;19Pamarican;29Cimaragas;30Cisaga;31Sindangkasih;32Baregbeg;33Sukamantri;34Lumbung;35Purwadadi;37Banjaranyar
3208:01Kadugede;02Ciniru;03Subang;04Ciwaru;05Cibingbin;06Luragung;07Lebakwangi;08Garawangi;09Kuningan;10Ciawigebang;11Cidahu;12Jalaksana;13Cilimus;14Mandirancan;15Selajambe;16Kramatmulya;17Darma;18Cigugur;19Pasawahan;20Nusaherang;21Cipicung;22Pancalang;23Japara;24Cimahi;25Cilebak;26Hantara;27Kalimanggis;28Cibeureum;29Karangkancana;30Maleber;31Sindangagung;32Cigandamekar
3209:01Waled;02Ciledug;03Losari;04Pabedilan;05Babakan;06Karangsembung;07Lemahabang;08Susukan Lebak;09Sedong;10Astanajapura;11Pangenan;12Mundu;13Beber;14Talun;15Sumber;16Dukupuntang;17Palimanan;18Plumbon;19Weru;20Kedawung;21Gunung Jati;22Kepetakan;23Klangenan;24Arjawinangun;25Panguragan;26Ciwaringin;27Susukan;28Gegesik;29Kaliwedi;30Gebang;31Depok;32Pasaleman;33Pabuaran;34Karangwareng;35Tengah Tani;36Plered;37Gempol;38Greged;39Suranenggala;40Jamblang
3210:01Lemahsugih;02Bantarujeg;03Cikijing;04Talaga;05Argapura;06Maja;07Majalengka;08Sukahaji;09Rajagaluh;10Leuwimunding;11Jatiwangi;12Dawuan;13Kadipaten;14Kertajati;15Jatitujuh;16Ligung;17Sumberjaya;18Panyingkiran;19Palasah;20Cigasong;21Sindangwangi;22Banjaran;23Cingambul;24Kasokandel;25Sindang;26Malausma
3211:01Wado;02Jatinunggal;03Darmaraja;04Cibugel;05Cisitu;06Situraja;07Conggeang;08Paseh;09Surian;10Buahdua;11Tanjungsari;12Sukasari;13Pamulihan;14Cimanggung;15Jatinangor;16Rancakalong;17Sumedang Selatan;18Sumedang Utara;19Ganeas;20Tanjungkerta;21Tanjungmedar;22Cimalaka;23Cisarua;24Tomo;25Ujungjaya;26Jatigede
3212:01Haurgeulis;02Kroya;03Gabuswetan;04Cikedung;05Lelea;06Bangodua;07Widasari;08Kertasemaya;09Krangkeng;10Karangampel;11Juntinyuat;12Sliyeg;13Jatibarang;14Balongan;15Indramayu;16Sindang;17Cantigi;18Lohbener;19Arahan;20Losarang;21Kandanghaur;22Bongas;23Anjatan;24Sukra;25Gantar;26Terisi;27Sukagumiwang;28Kedokan Bunder;29Pasekan;30Tukdana;31Patrol
3213:01Sagalaherang;02Cisalak;03Subang;04Kalijati;05Pabuaran;06Purwadadi;07Pagaden;08Binong;09Ciasem;10Pusakanagara;11Pamanukan;12Jalancagak;13Blanakan;14Tanjungsiang;15Compreng;16Patokbeusi;17Cibogo;18Cipunagara;19Cijambe;20Cipeundeuy;21Legonkulon;22Cikaum;23Serangpanjang;24Sukasari;25Tambakdahan;26Kasomalang;27Dawuan;28Pagaden Barat;29Ciater;30Pusakajaya
3214:01Purwakarta;02Campaka;03Jatiluhur;04Plered;05Sukatani;06Darangdan;07Maniis;08Tegalwaru;09Wanayasa;10Pasawahan;11Bojong;12Babakancikao;13Bungursari;14Cibatu;15Sukasari;16Pondoksalam;17Kiarapedes
3215:01Karawang Barat;02Pangkalan;03Telukjambe Timur;04Ciampel;05Klari;06Rengasdengklok;07Kutawaluya;08Batujaya;09Tirtajaya;10Pedes;11Cibuaya;12Pakisjaya;13Cikampek;14Jatisari;15Cilamaya Wetan;16Tirtamulya;17Telagasari;18Rawamerta;19Lemahabang;20Tempuran;21Majalaya;22Jayakerta;23Cilamaya Kulon;24Banyusari;25Kota Baru;26Karawang Timur;27Telukjambe Barat;28Tegalwaru;29Purwasari;30Cilebar
3216:01Tarumajaya;02Babelan;03Sukawangi;04Tambelang;05Tambun Utara;06Tambun Selatan;07Cibitung;08Cikarang Barat;09Cikarang Utara;10Karang Bahagia;11Cikarang Timur;12Kedung Waringin;13Pebayuran;14Sukakarya;15Sukatani;16Cabangbungin;17Muaragembong;18Setu;19Cikarang Selatan;20Cikarang Pusat;21Serang Baru;22Cibarusah;23Bojongmangu
3217:01Lembang;02Parongpong;03Cisarua;04Cikalongwetan;05Cipeundeuy;06Ngamprah;07Cipatat;08Padalarang;09Batujajar;10Cihampelas;11Cililin;12Cipongkor;13Rongga;14Sindangkerta;15Gununghalu;16Saguling
3218:01Parigi;02Cijulang;03Cimerak;04Cigugur;05Langkaplancar;06Mangunjaya;07Padaherang;08Kalipucang;09Pangandaran;10Sidamulih
3271:01Bogor Selatan;02Bogor Timur;03Bogor Tengah;04Bogor Barat;05Bogor Utara;06Tanah Sareal
3272:01Gunung Puyuh;02Cikole;03Citamiang;04Warudoyong;05Baros;06Lembursitu;07Cibeureum
3273:01Sukasari;02Coblong;03Babakan Ciparay;04Bojongloa Kaler;05Andir;06Cicendo;07Sukajadi;08Cidadap;09Bandung Wetan;10Astanaanyar;11Regol;12Batununggal;13Lengkong;14Cibeunying Kidul;15Bandung Kulon;16Kiaracondong;17Bojongloa Kidul;18Cibeunying Kaler;19Sumur Bandung;20Antapani;21Bandung Kidul;22Buahbatu;23Rancasari;24Arcamanik;25Cibiru;26Ujungberung;27Gedebage;28Panyileukan;29Cinambo;30Mandalajati
3274:01Kejaksan;02Lemahwungkuk;03Harjamukti;04Pekalipan;05Kesambi
3275:01Bekasi Timur;02Bekasi Barat;03Bekasi Utara;04Bekasi Selatan;05Rawalumbu;06Medansatria;07Bantargebang;08Pondokgede;09Jatiasih;10Jatisampurna;11Mustikajaya;12Pondokmelati
3276:01Pancoran Mas;02Cimanggis;03Sawangan;04Limo;05Sukmajaya;06Beji;07Cipayung;08Cilodong;09Cinere;10Tapos;11Bojongsari
3277:01Cimahi Selatan;02Cimahi Tengah;03Cimahi Utara
3278:01Cihideung;02Cipedes;03Tawang;04Indihiang;05Kawalu;06Cibeureum;07Tamansari;08Mangkubumi;09Bungursari;10Purbaratu
3279:01Banjar;02Pataruman;03Purwaharja;04Langensari
3301:01Kedungreja;02Kesugihan;03Adipala;04Binangun;05Nusawungu;06Kroya;07Maos;08Jeruklegi;09Kawunganten;10Gandrungmangu;11Sidareja;12Karangpucung;13Cimanggu;14Majenang;15Wanareja;16Dayeuhluhur;17Sampang;18Cipari;19Patimuan;20Bantarsari;21Cilacap Selatan;22Cilacap Tengah;23Cilacap Utara;24Kampung Laut
3302:01Lumbir;02Wangon;03Jatilawang;04Rawalo;05Kebasen;06Kemranjen;07Sumpiuh;08Tambak;09Somagede;10Kalibagor;11Banyumas;12Patikraja;13Purwojati;14Ajibarang;15Gumelar;16Pekuncen;17Cilongok;18Karanglewas;19Sokaraja;20Kembaran;21Sumbang;22Baturraden;23Kedungbanteng;24Purwokerto Selatan;25Purwokerto Barat;26Purwokerto Timur;27Purwokerto Utara
3303:01Kemangkon;02Bukateja;03Kejobong;04Kaligondang;05Purbalingga;06Kalimanah;07Kutasari;08Mrebet;09Bobotsari;10Karangreja;11Karanganyar;12Karangmoncol;13Rembang;14Bojongsari;15Padamara;16Pengadegan;17Karangjambu;18Kertanegara
3304:01Susukan;02Purworeja Klampok;03Mandiraja;04Purwanegara;05Bawang;06Banjarnegara;07Sigaluh;08Madukara;09Banjarmangu;10Wanadadi;11Rakit;12Punggelan;13Karangkobar;14Pagentan;15Pejawaran;16Batur;17Wanayasa;18Kalibening;19Pandanarum;20Pagedongan
3305:01Ayah;02Buayan;03Puring;04Petanahan;05Klirong;06Buluspesantren;07Ambal;08Mirit;09Prembun;10Kutowinangun;11Alian;12Kebumen;13Pejagoan;14Sruweng;15Adimulyo;16Kuwarasan;17Rowokele;18Sempor;19Gombong;20Karanganyar;21Karanggayam;22Sadang;23Bonorowo;24Padureso;25Poncowarno;26Karangsambung
3306:01Grabag;02Ngombol;03Purwodadi;04Bagelen;05Kaligesing;06Purworejo;07Banyuurip;08Bayan;09Kutoarjo;10Butuh;11Pituruh;12Kemiri;13Bruno;14Gebang;15Loano;16Bener
3307:01Wadaslintang;02Kepil;03Sapuran;04Kaliwiro;05Leksono;06Selomerto;07Kalikajar;08Kertek;09Wonosobo;10Watumalang;11Mojotengah;12Garung;13Kejajar;14Sukoharjo;15Kalibawang
3308:01Salaman;02Borobudur;03Ngluwar;04Salam;05Srumbung;06Dukun;07Sawangan;08Muntilan;09Mungkid;10Mertoyudan;11Tempuran;12Kajoran;13Kaliangkrik;14Bandongan;15Candimulyo;16Pakis;17Ngablak;18Grabag;19Tegalrejo;20Secang;21Windusari
3309:01Selo;02Ampel;03Cepogo;04Musuk;05Boyolali;06Mojosongo;07Teras;08Sawit;09Banyudono;10Sambi;11Ngemplak;12Nogosari;13Simo;14Karanggede;15Klego;16Andong;17Kemusu;18Wonosegoro;19Juwangi;20Gladagsari;21Tamansari;22Wonosamodro
3310:01Prambanan;02Gantiwarno;03Wedi;04Bayat;05Cawas;06Trucuk;07Kebonarum;08Jogonalan;09Manisrenggo;10Karangnongko;11Ceper;12Pedan;13Karangdowo;14Juwiring;15Wonosari;16Delanggu;17Polanharjo;18Karanganom;19Tulung;20Jatinom;21Kemalang;22Ngawen;23Kalikotes;24Klaten Utara;25Klaten Tengah;26Klaten Selatan
3311:01Weru;02Bulu;03Tawangsari;04Sukoharjo;05Nguter;06Bendosari;07Polokarto;08Mojolaban;09Grogol;10Baki;11Gatak;12Kartasura
3312:01Pracimantoro;02Giritontro;03Giriwoyo;04Batuwarno;05Tirtomoyo;06Nguntoronadi;07Baturetno;08Eromoko;09Wuryantoro;10Manyaran;11Selogiri;12Wonogiri;13Ngadirojo;14Sidoharjo;15Jatiroto;16Kismantoro;17Purwantoro;18Bulukerto;19Slogohimo;20Jatisrono;21Jatipurno;22Girimarto;23Karangtengah;24Paranggupito;25Puhpelem
3313:01Jatipuro;02Jatiyoso;03Jumapolo;04Jumantono;05Matesih;06Tawangmangu;07Ngargoyoso;08Karangpandan;09Karanganyar;10Tasikmadu;11Jaten;12Colomadu;13Gondangrejo;14Kebakkramat;15Mojogedang;16Kerjo;17Jenawi
3314:01Kalijambe;02Plupuh;03Masaran;04Kedawung;05Sambirejo;06Gondang;07Sambungmacan;08Ngrampal;09Karangmalang;10Sragen;11Sidoharjo;12Tanon;13Gemolong;14Miri;15Sumberlawang;16Mondokan;17Sukodono;18Gesi;19Tangen;20Jenar
3315:01Kedungjati;02Karangrayung;03Penawangan;04Toroh;05Geyer;06Pulokulon;07Kradenan;08Gabus;09Ngaringan;10Wirosari;11Tawangharjo;12Grobogan;13Purwodadi;14Brati;15Klambu;16Godong;17Gubug;18Tegowanu;19Tanggungharjo
3316:01Jati;02Randublatung;03Kradenan;04Kedungtuban;05Cepu;06Sambong;07Jiken;08Jepon;09Blora;10Tunjungan;11Banjarejo;12Ngawen;13Kunduran;14Todanan;15Bogorejo;16Japah
3317:01Sumber;02Bulu;03Gunem;04Sale;05Sarang;06Sedan;07Pamotan;08Sulang;09Kaliori;10Rembang;11Pancur;12Kragan;13Sluke;14Lasem
3318:01Sukolilo;02Kayen;03Tambakromo;04Winong;05Pucakwangi;06Jaken;07Batangan;08Juwana;09Jakenan;10Pati;11Gabus;12Margorejo;13Gembong;14Tlogowungu;15Wedarijaksa;16Margoyoso;17Gunungwungkal;18Cluwak;19Tayu;20Dukuhseti;21Trangkil
3319:01Kaliwungu;02Kota Kudus;03Jati;04Undaan;05Mejobo;06Jekulo;07Bae;08Gebog;09Dawe
3320:01Kedung;02Pecangaan;03Welahan;04Mayong;05Batealit;06Jepara;07Mlonggo;08Bangsri;09Keling;10Karimunjawa;11Tahunan;12Nalumsari;13Kalinyamatan;14Kembang;15Pakis Aji;16Donorojo
3321:01Mranggen;02Karangawen;03Guntur;04Sayung;05Karangtengah;06Wonosalam;07Dempet;08Gajah;09Karanganyar;10Mijen;11Demak;12Bonang;13Wedung;14Kebonagung
3322:01Getasan;02Tengaran;03Susukan;04Suruh;05Pabelan;06Tuntang;07Banyubiru;08Jambu;09Sumowono;10Ambarawa;11Bawen;12Bringin;13Bergas;15Pringapus;16Bancak;17Kaliwungu;18Ungaran Barat;19Ungaran Timur;20Bandungan
3323:01Bulu;02Tembarak;03Temanggung;04Pringsurat;05Kaloran;06Kandangan;07Kedu;08Parakan;09Ngadirejo;10Jumo;11Tretep;12Candiroto;13Kranggan;14Tlogomulyo;15Selopampang;16Bansari;17Kledung;18Bejen;19Wonoboyo;20Gemawang
3324:01Plantungan;02Pageruyung;03Sukorejo;04Patean;05Singorojo;06Limbangan;07Boja;08Kaliwungu;09Brangsong;10Pegandon;11Gemuh;12Weleri;13Cepiring;14Patebon;15Kendal;16Rowosari;17Kangkung;18Ringinarum;19Ngampel;20Kaliwungu Selatan
3325:01Wonotunggal;02Bandar;03Blado;04Reban;05Bawang;06Tersono;07Gringsing;08Limpung;09Subah;10Tulis;11Batang;12Warungasem;13Kandeman;14Pecalungan;15Banyuputih
3326:01Kandangserang;02Paninggaran;03Lebakbarang;04Petungkriyono;05Talun;06Doro;07Karanganyar;08Kajen;09Kesesi;10Sragi;11Bojong;12Wonopringgo;13Kedungwuni;14Buaran;15Tirto;16Wiradesa;17Siwalan;18Karangdadap;19Wonokerto
3327:01Moga;02Pulosari;03Belik;04Watukumpul;05Bodeh;06Bantarbolang;07Randudongkal;08Pemalang;09Taman;10Petarukan;11Ampelgading;12Comal;13Ulujami;14Warungpring
3328:01Margasari;02Bumijawa;03Bojong;04Balapulang;05Pagerbarang;06Lebaksiu;07Jatinegara;08Kedungbanteng;09Pangkah;10Slawi;11Adiwerna;12Talang;13Dukuhturi;14Tarub;15Kramat;16Suradadi;17Warureja;18Dukuhwaru
3329:01Salem;02Bantarkawung;03Bumiayu;04Paguyangan;05Sirampog;06Tonjong;07Jatibarang;08Wanasari;09Brebes;10Songgom;11Kersana;12Losari;13Tanjung;14Bulakamba;15Larangan;16Ketanggungan;17Banjarharjo
3371:01Magelang Selatan;02Magelang Utara;03Magelang Tengah
3372:01Laweyan;02Serengan;03Pasar Kliwon;04Jebres;05Banjarsari
3373:01Sidorejo;02Tingkir;03Argomulyo;04Sidomukti
3374:01Semarang Tengah;02Semarang Utara;03Semarang Timur;04Gayamsari;05Genuk;06Pedurungan;07Semarang Selatan;08Candisari;09Gajahmungkur;10Tembalang;11Banyumanik;12Gunungpati;13Semarang Barat;14Mijen;15Ngaliyan;16Tugu
3375:01Pekalongan Barat;02Pekalongan Timur;03Pekalongan Utara;04Pekalongan Selatan
3376:01Tegal Barat;02Tegal Timur;03Tegal Selatan;04Margadana
3401:01Temon;02Wates;03Panjatan;04Galur;05Lendah;06Sentolo;07Pengasih;08Kokap;09Girimulyo;10Nanggulan;11Samigaluh;12Kalibawang
3402:01Srandakan;02Sanden;03Kretek;04Pundong;05Bambanglipuro;06Pandak;07Pajangan;08Bantul;09Jetis;10Imogiri;11Dlingo;12Banguntapan;13Pleret;14Piyungan;15Sewon;16Kasihan;17Sedayu
3403:01Wonosari;02Nglipar;03Playen;04Patuk;05Paliyan;06Panggang;07Tepus;08Semanu;09Karangmojo;10Ponjong;11Rongkop;12Semin;13Ngawen;14Gedangsari;15Saptosari;16Girisubo;17Tanjungsari;18Purwosari
3404:01Gamping;02Godean;03Moyudan;04Minggir;05Seyegan;06Mlati;07Depok;08Berbah;09Prambanan;10Kalasan;11Ngemplak;12Ngaglik;13Sleman;14Tempel;15Turi;16Pakem;17Cangkringan
3471:01Tegalrejo;02Jetis;03Gondokusuman;04Danurejan;05Gedongtengen;06Ngampilan;07Wirobrajan;08Mantrijeron;09Kraton;10Gondomanan;11Pakualaman;12Mergangsan;13Umbulharjo;14Kotagede
3501:01Donorojo;02Pringkuku;03Punung;04Pacitan;05Kebonagung;06Arjosari;07Nawangan;08Bandar;09Tegalombo;10Tulakan;11Ngadirojo;12Sudimoro
3502:01Slahung;02Ngrayun;03Bungkal;04Sambit;05Sawoo;06Sooko;07Pulung;08Mlarak;09Jetis;10Siman;11Balong;12Kauman;13Badegan;14Sampung;15Sukorejo;16Babadan;17Ponorogo;18Jenangan;19Ngebel;20Jambon;21Pudak
3503:01Panggul;02Munjungan;03Pule;04Dongko;05Tugu;06Karangan;07Kampak;08Watulimo;09Bendungan;10Gandusari;11Trenggalek;12Pogalan;13Durenan;14Suruh
3504:01Tulungagung;02Boyolangu;03Kedungwaru;04Ngantru;05Kauman;06Pagerwojo;07Sendang;08Karangrejo;09Gondang;10Sumbergempol;11Ngunut;12Pucanglaban;13Rejotangan;14Kalidawir;15Besuki;16Campurdarat;17Bandung;18Pakel;19Tanggunggunung
3505:01Wonodadi;02Udanawu;03Srengat;04Kademangan;05Bakung;06Ponggok;07Sanankulon;08Wonotirto;09Nglegok;10Kanigoro;11Garum;12Sutojayan;13Panggungrejo;14Talun;15Gandusari;16Binangun;17Wlingi;18Doko;19Kesamben;20Wates;21Selorejo;22Selopuro
3506:01Semen;02Mojo;03Kras;04Ngadiluwih;05Kandat;06Wates;07Ngancar;08Puncu;09Plosoklaten;10Gurah;11Pagu;12Gampengrejo;13Grogol;14Papar;15Purwoasri;16Plemahan;17Pare;18Kepung;19Kandangan;20Tarokan;21Kunjang;22Banyakan;23Ringinrejo;24Kayen Kidul;25Ngasem;26Badas
3507:01Donomulyo;02Pagak;03Bantur;04Sumbermanjing Wetan;05Dampit;06Ampelgading;07Poncokusumo;08Wajak;09Turen;10Gondanglegi;11Kalipare;12Sumberpucung;13Kepanjen;14Bululawang;15Tajinan;16Tumpang;17Jabung;18Pakis;19Pakisaji;20Ngajum;21Wagir;22Dau;23Karangploso;24Singosari;25Lawang;26Pujon;27Ngantang;28Kasembon;29Gedangan;30Tirtoyudo;31Kromengan;32Wonosari;33Pagelaran
3508:01Tempursari;02Pronojiwo;03Candipuro;04Pasirian;05Tempeh;06Kunir;07Yosowilangun;08Rowokangkung;09Tekung;10Lumajang;11Pasrujambe;12Senduro;13Gucialit;14Padang;15Sukodono;16Kedungjajang;17Jatiroto;18Randuagung;19Klakah;20Ranuyoso;21Sumbersuko
3509:01Jombang;02Kencong;03Sumberbaru;04Gumukmas;05Umbulsari;06Tanggul;07Semboro;08Puger;09Bangsalsari;10Balung;11Wuluhan;12Ambulu;13Rambipuji;14Panti;15Sukorambi;16Jenggawah;17Ajung;18Tempurejo;19Kaliwates;20Patrang;21Sumbersari;22Arjasa;23Mumbulsari;24Pakusari;25Jelbuk;26Mayang;27Kalisat;28Ledokombo;29Sukowono;30Silo;31Sumberjambe
3510:01Pesanggaran;02Bangorejo;03Purwoharjo;04Tegaldlimo;05Muncar;06Cluring;07Gambiran;08Srono;09Genteng;10Glenmore;11Kalibaru;12Singojuruh;13Rogojampi;14Kabat;15Glagah;16Banyuwangi;17Giri;18Wongsorejo;19Songgon;20Sempu;21Kalipuro;22Siliragung;23Tegalsari;24Licin;25Blimbingsari
3511:01Maesan;02Tamanan;03Tlogosari;04Sukosari;05Pujer;06Grujugan;07Curahdami;08Tenggarang;09Wonosari;10Tapen;11Bondowoso;12Wringin;13Tegalampel;14Klabang;15Cermee;16Prajekan;17Pakem;18Sumberwringin;19Sempol;20Binakal;21Taman Krocok;22Botolinggo;23Jambesari Darus Sholah
3512:01Jatibanteng;02Besuki;03Suboh;04Mlandingan;05Kendit;06Panarukan;07Situbondo;08Panji;09Mangaran;10Kapongan;11Arjasa;12Jangkar;13Asembagus;14Banyuputih;15Sumbermalang;16Banyuglugur;17Bungatan
3513:01Sukapura;02Sumber;03Kuripan;04Bantaran;05Leces;06Banyuanyar;07Tiris;08Krucil;09Gading;10Pakuniran;11Kotaanyar;12Paiton;13Besuk;14Kraksaan;15Krejengan;16Pajarakan;17Maron;18Gending;19Dringu;20Tegalsiwalan;21Sumberasih;22Wonomerto;23Tongas;24Lumbang
3514:01Purwodadi;02Tutur;03Puspo;04Lumbang;05Pasrepan;06Kejayan;07Wonorejo;08Purwosari;09Sukorejo;10Prigen;11Pandaan;12Gempol;13Beji;14Bangil;15Rembang;16Kraton;17Pohjentrek;18Gondangwetan;19Winongan;20Grati;21Nguling;22Lekok;23Rejoso;24Tosari
3515:01Tarik;02Prambon;03Krembung;04Porong;05Jabon;06Tanggulangin;07Candi;08Sidoarjo;09Tulangan;10Wonoayu;11Krian;12Balongbendo;13Taman;14Sukodono;15Buduran;16Gedangan;17Sedati;18Waru
3516:01Jatirejo;02Gondang;03Pacet;04Trawas;05Ngoro;06Pungging;07Kutorejo;08Mojosari;09Dlanggu;10Bangsal;11Puri;12Trowulan;13Sooko;14Gedeg;15Kemlagi;16Jetis;17Dawarblandong;18Mojoanyar
3517:01Perak;02Gudo;03Ngoro;04Bareng;05Wonosalam;06Mojoagung;07Mojowarno;08Diwek;09Jombang;10Peterongan;11Sumobito;12Kesamben;13Tembelang;14Ploso;15Plandaan;16Kabuh;17Kudu;18Bandarkedungmulyo;19Jogoroto;20Megaluh;21Ngusikan
3518:01Sawahan;02Ngetos;03Berbek;04Loceret;05Pace;06Prambon;07Ngronggot;08Kertosono;09Patianrowo;10Baron;11Tanjunganom;12Sukomoro;13Nganjuk;14Bagor;15Wilangan;16Rejoso;17Gondang;18Ngluyu;19Lengkong;20Jatikalen
3519:01Kebonsari;02Dolopo;03Geger;04Dagangan;05Kare;06Gemarang;07Wungu;08Madiun;09Jiwan;10Balerejo;11Mejayan;12Saradan;13Pilangkenceng;14Sawahan;15Wonoasri
3520:01Poncol;02Parang;03Lembeyan;04Takeran;05Kawedanan;06Magetan;07Plaosan;08Panekan;09Sukomoro;10Bendo;11Maospati;12Barat;13Karangrejo;14Karas;15Kartoharjo;16Ngariboyo;17Nguntoronadi;18Sidorejo
3521:01Sine;02Ngrambe;03Jogorogo;04Kendal;05Geneng;06Kwadungan;07Karangjati;08Padas;09Ngawi;10Paron;11Kedunggalar;12Widodaren;13Mantingan;14Pangkur;15Bringin;16Pitu;17Karanganyar;18Gerih;19Kasreman
3522:01Ngraho;02Tambakrejo;03Ngambon;04Ngasem;05Bubulan;06Dander;07Sugihwaras;08Kedungadem;09Kepohbaru;10Baureno;11Kanor;12Sumberrejo;13Balen;14Kapas;15Bojonegoro;16Kalitidu;17Malo;18Purwosari;19Padangan;20Kasiman;21Temayang;22Margomulyo;23Trucuk;24Sukosewu;25Kedewan;26Gondang;27Sekar;28Gayam
3523:01Kenduruan;02Jatirogo;03Bangilan;04Bancar;05Senori;06Tambakboyo;07Singgahan;08Kerek;09Parengan;10Montong;11Soko;12Jenu;13Merakurak;14Rengel;15Semanding;16Tuban;17Plumpang;18Palang;19Widang;20Grabagan
3524:01Sukorame;02Bluluk;03Modo;04Ngimbang;05Babat;06Kedungpring;07Brondong;08Laren;09Sekaran;10Maduran;11Sambeng;12Sugio;13Pucuk;14Paciran;15Solokuro;16Mantup;17Sukodadi;18Karanggeneng;19Kembangbahu;20Kalitengah;21Turi;22Lamongan;23Tikung;24Karangbinangun;25Deket;26Glagah;27Sarirejo
3525:01Dukun;02Balongpanggang;03Panceng;04Benjeng;05Duduksampeyan;06Wringinanom;07Ujungpangkah;08Kedamean;09Sidayu;10Manyar;11Cerme;12Bungah;13Menganti;14Kebomas;15Driyorejo;16Gresik;17Sangkapura;18Tambak
3526:01Bangkalan;02Socah;03Burneh;04Kamal;05Arosbaya;06Geger;07Klampis;08Sepulu;09Tanjung Bumi;10Kokop;11Kwanyar;12Labang;13Tanah Merah;14Tragah;15Blega;16Modung;17Konang;18Galis
3527:01Sreseh;02Torjun;03Sampang;04Camplong;05Omben;06Kedungdung;07Jrengik;08Tambelangan;09Banyuates;10Robatal;11Sokobanah;12Ketapang;13Pangarengan;14Karangpenang
3528:01Tlanakan;02Pademawu;03Galis;04Pamekasan;05Proppo;06Palengaan;07Pegantenan;08Larangan;09Pakong;10Waru;11Batumarmar;12Kadur;13Pasean
3529:01Kota Sumenep;02Kalianget;03Manding;04Talango;05Bluto;06Saronggi;07Lenteng;08Giliginting;09Guluk-Guluk;10Ganding;11Pragaan;12Ambunten;13Pasongsongan;14Dasuk;15Rubaru;16Batang Batang;17Batuputih;18Dungkek;19Gapura;20Gayam;21Nonggunong;22Ra'as;23Masalembu;24Arjasa;25Sapeken;26Batuan;27Kangayan
3571:01Mojoroto;02Kota;03Pesantren
3572:01Kepanjenkidul;02Sukorejo;03Sananwetan
3573:01Blimbing;02Klojen;03Kedungkandang;04Sukun;05Lowokwaru
3574:01Kademangan;02Wonoasih;03Mayangan;04Kanigaran;05Kedopok
3575:01Gadingrejo;02Purworejo;03Bugul Kidul;04Panggungrejo
3576:01Prajuritkulon;02Magersari;03Kranggan
3577:01Kartoharjo;02Manguharjo;03Taman
3578:01Karang Pilang;02Wonocolo;03Rungkut;04Wonokromo;05Tegalsari;06Sawahan;07Genteng;08Gubeng;09Sukolilo;10Tambaksari;11Simokerto;12Pabean Cantian;13Bubutan;14Tandes;15Krembangan;16Semampir;17Kenjeran;18Lakarsantri;19Benowo;20Wiyung;21Dukuh Pakis;22Gayungan;23Jambangan;24Tenggilis Mejoyo;25Gunung Anyar;26Mulyorejo;27Sukomanunggal;28Asem Rowo;29Bulak;30Pakal;31Sambikerep
3579:01Batu;02Bumiaji;03Junrejo
3601:01Sumur;02Cimanggu;03Cibaliung;04Cikeusik;05Cigeulis;06Panimbang;07Angsana;08Munjul;09Pagelaran;10Bojong;11Picung;12Labuan;13Menes;14Saketi;15Cipeucang;16Jiput;17Mandalawangi;18Cimanuk;19Kaduhejo;20Banjar;21Pandeglang;22Cadasari;23Cisata;24Patia;25Karang Tanjung;26Cikedal;27Cibitung;28Carita;29Sukaresmi;30Mekarjaya;31Sindangresmi;32Pulosari;33Koroncong;34Majasari;35Sobang
3602:01Malingping;02Panggarangan;03Bayah;04Cipanas;05Muncang;06Leuwidamar;07Bojongmanik;08Gunungkencana;09Banjarsari;10Cileles;11Cimarga;12Sajira;13Maja;14Rangkasbitung;15Warunggunung;16Cijaku;17Cikulur;18Cibadak;19Cibeber;20Cilograng;21Wanasalam;22Sobang;23Curugbitung;24Kalanganyar;25Lebakgedong;26Cihara;27Cirinten;28Cigemblong
3603:01Balaraja;02Jayanti;03Tigaraksa;04Jambe;05Cisoka;06Kresek;07Kronjo;08Mauk;09Kemiri;10Sukadiri;11Rajeg;12Pasar Kemis;13Teluknaga;14Kosambi;15Pakuhaji;16Sepatan;17Curug;18Cikupa;19Panongan;20Legok;22Pagedangan;23Cisauk;27Sukamulya;28Kelapa Dua;29Sindang Jaya;30Sepatan Timur;31Solear;32Gunung Kaler;33Mekar Baru
3604:05Kramatwatu;06Waringinkurung;07Bojonegara;08Pulo Ampel;09Ciruas;11Kragilan;12Pontang;13Tirtayasa;14Tanara;15Cikande;16Kibin;17Carenang;18Binuang;19Petir;20Tunjung Teja;22Baros;23Cikeusal;24Pamarayan;25Kopo;26Jawilan;27Ciomas;28Pabuaran;29Padarincang;30Anyar;31Cinangka;32Mancak;33Gunungsari;34Bandung;35Lebak Wangi
3671:01Tangerang;02Jatiuwung;03Batuceper;04Benda;05Cipondoh;06Ciledug;07Karawaci;08Periuk;09Cibodas;10Neglasari;11Pinang;12Karang Tengah;13Larangan
3672:01Cibeber;02Cilegon;03Pulomerak;04Ciwandan;05Jombang;06Gerogol;07Purwakarta;08Citangkil
3673:01Serang;02Kasemen;03Walantaka;04Curug;05Cipocok Jaya;06Taktakan
3674:01Serpong;02Serpong Utara;03Pondok Aren;04Ciputat;05Ciputat Timur;06Pamulang;07Setu
5101:01Negara;02Mendoyo;03Pekutatan;04Melaya;05Jembrana
5102:01Selemadeg;02Selemadeg Timur;03Selemadeg Barat;04Kerambitan;05Tabanan;06Kediri;07Marga;08Penebel;09Baturiti;10Pupuan
5103:01Kuta;02Mengwi;03Abiansemal;04Petang;05Kuta Selatan;06Kuta Utara
5104:01Sukawati;02Blahbatuh;03Gianyar;04Tampaksiring;05Ubud;06Tegallalang;07Payangan
5105:01Nusa Penida;02Banjarangkan;03Klungkung;04Dawan
5106:01Susut;02Bangli;03Tembuku;04Kintamani
5107:01Rendang;02Sidemen;03Manggis;04Karangasem;05Abang;06Bebandem;07Selat;08Kubu
5108:01Gerokgak;02Seririt;03Busungbiu;04Banjar;05Sukasada;06Buleleng;07Sawan;08Kubutambahan;09Tejakula
5171:01Denpasar Selatan;02Denpasar Timur;03Denpasar Barat;04Denpasar Utara
5201:01Gerung;02Kediri;03Narmada;07Sekotong;08Labuapi;09Gunungsari;12Lingsar;13Lembar;14Batu Layar;15Kuripan
5202:01Praya;02Jonggat;03Batukliang;04Pujut;05Praya Barat;06Praya Timur;07Janapria;08Pringgarata;09Kopang;10Praya Tengah;11Praya Barat Daya;12Batukliang Utara
5203:01Keruak;02Sakra;03Terara;04Sikur;05Masbagik;06Sukamulia;07Selong;08Pringgabaya;09Aikmel;10Sambelia;11Montong Gading;12Pringgasela;13Suralaga;14Wanasaba;15Sembalun;16Suwela;17Labuhan Haji;18Sakra Timur;19Sakra Barat;20Jerowaru;21Lenek
5204:02Lunyuk;05Alas;06Utan;07Batu Lanteh;08Sumbawa;09Moyo Hilir;10Moyo Hulu;11Ropang;12Lape;13Plampang;14Empang;17Alas Barat;18Labuhan Badas;19Labangka;20Buer;21Rhee;22Unter Iwes;23Moyo Utara;24Maronge;25Tarano;26Lopok;27Lenangguar;28Orong Telu;29Lantung
5205:01Dompu;02Kempo;03Hu'u;04Kilo;05Woja;06Pekat;07Manggalewa;08Pajo
5206:01Monta;02Bolo;03Woha;04Belo;05Wawo;06Sape;07Wera;08Donggo;09Sanggar;10Ambalawi;11Langgudu;12Lambu;13Madapangga;14Tambora;15Soromandi;16Parado;17Lambitu;18Palibelo
5207:01Jereweh;02Taliwang;03Seteluk;04Sekongkang;05Brang Rea;06Poto Tano;07Brang Ene;08Maluk
5208:01Tanjung;02Gangga;03Kayangan;04Bayan;05Pemenang
5271:01Ampenan;02Mataram;03Cakranegara;04Sekarbela;05Selaparang;06Sandubaya
5272:01Rasanae Barat;02Rasanae Timur;03Asakota;04Raba;05Mpunda
5301:04Semau;05Kupang Barat;06Kupang Timur;07Sulamu;08Kupang Tengah;09Amarasi;10Fatuleu;11Takari;12Amfoang Selatan;13Amfoang Utara;16Nekamese;17Amarasi Barat;18Amarasi Selatan;19Amarasi Timur;20Amabi Oefeto Timur;21Amfoang Barat Daya;22Amfoang Barat Laut;23Semau Selatan;24Taebenu;25Amabi Oefeto;26Amfoang Timur;27Fatuleu Barat;28Fatuleu Tengah;30Amfoang Tengah
5302:01Kota Soe;02Mollo Selatan;03Mollo Utara;04Amanuban Timur;05Amanuban Tengah;06Amanuban Selatan;07Amanuban Barat;08Amanatun Selatan;09Amanatun Utara;10KI'E;11Kuanfatu;12Fatumnasi;13Polen;14Batu Putih;15Boking;16Toianas;17Nunkolo;18Oenino;19Kolbano;20Kot olin;21Kualin;22Mollo Barat;23Kok Baun;24Noebana;25Santian;26Noebeba;27Kuatnana;28Fautmolo;29Fatukopa;30Mollo Tengah;31Tobu;32Nunbena
5303:01Miomaffo Timur;02Miomaffo Barat;03Biboki Selatan;04Noemuti;05Kota Kefamenanu;06Biboki Utara;07Biboki Anleu;08Insana;09Insana Utara;10Noemuti Timur;11Miomaffo Tengah;12Musi;13Mutis;14Bikomi Selatan;15Bikomi Tengah;16Bikomi Nilulat;17Bikomi Utara;18Naibenu;19Insana Fafinesu;20Insana Barat;21Insana Tengah;22Biboki Tan Pah;23Biboki Moenleu;24Biboki Feotleu
5304:01Lamaknen;02Tasifeto Timur;03Raihat;04Tasifeto Barat;05Kakuluk Mesak;12Kota Atambua;13Raimanuk;17Lasiolat;18Lamaknen Selatan;21Atambua Barat;22Atambua Selatan;23Nanaet Duabesi
5305:01Teluk Mutiara;02Alor Barat Laut;03Alor Barat Daya;04Alor Selatan;05Alor Timur;06Pantar;07Alor Tengah Utara;08Alor Timur Laut;09Pantar Barat;10Kabola;11Pulau Pura;12Mataru;13Pureman;14Pantar Timur;15Lembur;16Pantar Tengah;17Pantar Barat Laut;18Abad Selatan
5306:01Wulanggitang;02Titehena;03Larantuka;04Ile Mandiri;05Tanjung Bunga;06Solor Barat;07Solor Timur;08Adonara Barat;09Wotan Ulumando;10Adonara Timur;11Kelubagolit;12Witihama;13Ile Boleng;14Demon Pagong;15Lewolema;16Ile Bura;17Adonara;18Adonara Tengah;19Solor Selatan
5307:01Paga;02Mego;03Lela;04Nita;05Alok;06Palue;07Nelle;08Talibura;09Waigete;10Kewapante;11Bola;12Magepanda;13Waiblama;14Alok Barat;15Alok Timur;16Koting;17Tana Wawo;18Hewokloang;19Kangae;20Doreng;21Mapitara
5308:01Nangapanda;02Pulau Ende;03Ende;04Ende Selatan;05Ndona;06Detusoko;07Wewaria;08Wolowaru;09Wolojita;10Maurole;11Maukaro;12Lio Timur;13Kota Baru;14Kelimutu;15Detukeli;16Ndona Timur;17Ndori;18Ende Utara;19Ende Tengah;20Ende Timur;21Lepembusu Kelisoke
5309:01Aimere;02Golewa;06Bajawa;07Soa;09Riung;12Jerebuu;14Riung Barat;15Bajawa Utara;16Wolomeze;18Golewa Selatan;19Golewa Barat;20Inerie
5310:01Wae Rii;03Ruteng;05Satar Mese;06Cibal;11Reok;12Langke Rembong;13Satar Mese Barat;14Rahong Utara;15Lelak;16Reok Barat;17Cibal barat;18Satar Mese Utara
5311:01Kota Waingapu;02Haharu;03Lewa;04Nggaha Ori Angu;05Tabundung;06Pinu Pahar;07Pandawai;08Umalulu;09Rindi;10Pahunga Lodu;11Wulla Waijelu;12Paberiwai;13Karera;14Kahaungu Eti;15Matawai La Pawu;16Kambera;17Kambata Mapambuhang;18Lewa Tidahu;19Katala Hamu Lingu;20Kanatang;21Ngadu Ngala;22Mahu
5312:04Tana Righu;10Loli;11Wanokaka;12Lamboya;15Kota Waikabubak;18Laboya Barat
5313:01Naga Wutung;02Atadei;03Ile Ape;04Lebatukan;05Nubatukan;06Omesuri;07Buyasuri;08Wulandoni;09Ile Ape Timur
5314:01Rote Barat Daya;02Rote Barat Laut;03Lobalain;04Rote Tengah;05Pantai Baru;06Rote Timur;07Rote Barat;08Rote Selatan;09Ndao Nuse;10Landu Leko;11Loaholu
5315:01Macang Pacar;02Kuwus;03Lembor;04Sano Nggoang;05Komodo;06Boleng;07Welak;08Ndoso;09Lembor Selatan;10Mbeliling;11Pacar;12Kuwus Barat
5316:01Aesesa;02Nangaroro;03Boawae;04Mauponggo;05Wolowae;06Keo Tengah;07Aesesa Selatan
5317:01Katiku Tana;02Umbu Ratu Nggay Barat;03Mamboro;04Umbu Ratu Nggay;05Katiku Tana Selatan;06Umbu Ratu Nggay Tengah
5318:01Loura;02Wewewa Utara;03Wewewa Timur;04Wewewa Barat;05Wewewa Selatan;06Kodi Bangedo;07Kodi;08Kodi Utara;09Kota Tambolaka;10Wewewa Tengah;11Kodi Balaghar
5319:01Borong;02Lamba Leda Selatan;03Lamba Leda;04Sambi Rampas;05Elar;06Kota Komba;07Rana Mese;08Lamba Leda Timur;09Elar Selatan;10Kota Komba Utara;11Lamba Leda Utara;12Congkar
5320:01Sabu Barat;02Sabu Tengah;03Sabu Timur;04Sabu Liae;05Hawu Mehara;06Raijua
5321:01Malaka Tengah;02Malaka Barat;03Wewiku;04Weliman;05Rinhat;06Io Kufeu;07Sasitamean;08Laenmanen;09Malaka Timur;10Kobalima Timur;11Kobalima;12Botin Leobele
5371:01Alak;02Maulafa;03Kelapa Lima;04Oebobo;05Kota Raja;06Kota Lama
6101:01Sambas;02Teluk Keramat;03Jawai;04Tebas;05Pemangkat;06Sejangkung;07Selakau;08Paloh;09Sajingan Besar;10Subah;11Galing;12Tekarang;13Semparuk;14Sajad;15Sebawi;16Jawai Selatan;17Tangaran;18Salatiga;19Selakau Timur
6102:01Mempawah Hilir;06Toho;07Sungai Pinyuh;08Jongkat;12Sungai Kunyit;15Segedong;16Anjongan;17Sadaniang;18Mempawah Timur
6103:01Kapuas;02Mukok;03Noyan;04Jangkang;05Bonti;06Beduai;07Sekayam;08Kembayan;09Parindu;10Tayan Hulu;11Tayan Hilir;12Balai;13Toba;20Meliau;21Entikong
6104:01Matan Hilir Utara;02Marau;03Manis Mata;04Kendawangan;05Sandai;07Sungai Laur;08Simpang Hulu;11Nanga Tayap;12Matan Hilir Selatan;13Tumbang Titi;14Jelai Hulu;16Delta Pawan;17Muara Pawan;18Benua Kayong;19Hulu Sungai;20Simpang Dua;21Air Upas;22Singkup;24Pemahan;25Sungai Melayu Rayak
6105:01Sintang;02Tempunak;03Sepauk;04Ketungau Hilir;05Ketungau Tengah;06Ketungau Hulu;07Dedai;08Kayan Hilir;09Kayan Hulu;14Serawai;15Ambalau;19Kelam Permai;20Sungai Tebelian;21Binjai Hulu
6106:01Putussibau Utara;02Bika;03Embaloh Hilir;04Embaloh Hulu;05Bunut Hilir;06Bunut Hulu;07Jongkong;08Hulu Gurung;09Selimbau;10Semitau;11Seberuang;12Batang Lupar;13Empanang;14Badau;15Silat Hilir;16Silat Hulu;17Putussibau Selatan;18Kalis;19Boyan Tanjung;20Mentebah;21Pengkadan;22Suhaid;23Puring Kencana
6107:01Sungai Raya;02Samalantan;03Ledo;04Bengkayang;05Seluas;06Sanggau Ledo;07Jagoi Babang;08Monterado;09Teriak;10Suti Semarang;11Capkala;12Siding;13Lumar;14Sungai Betung;15Sungai Raya Kepulauan;16Lembah Bawang;17Tujuh Belas
6108:01Ngabang;02Mempawah Hulu;03Menjalin;04Mandor;05Air Besar;06Menyuke;07Sengah Temila;08Meranti;09Kuala Behe;10Sebangki;11Jelimpo;12Banyuke Hulu;13Sompak
6109:01Sekadau Hilir;02Sekadau Hulu;03Nanga Taman;04Nanga Mahap;05Belitang Hilir;06Belitang Hulu;07Belitang
6110:01Belimbing;02Nanga Pinoh;03Ella Hilir;04Menukung;05Sayan;06Tanah Pinoh;07Sokan;08Pinoh Utara;09Pinoh Selatan;10Belimbing Hulu;11Tanah Pinoh Barat
6111:01Sukadana;02Simpang Hilir;03Teluk Batang;04Pulau Maya;05Seponti;06Kepulauan Karimata
6112:01Sungai Raya;02Kuala Mandor B;03Sungai Ambawang;04Terentang;05Batu Ampar;06Kubu;07Rasau Jaya;08Teluk Pakedai;09Sungai Kakap
6171:01Pontianak Selatan;02Pontianak Timur;03Pontianak Barat;04Pontianak Utara;05Pontianak Kota;06Pontianak Tenggara
6172:01Singkawang Tengah;02Singkawang Barat;03Singkawang Timur;04Singkawang Utara;05Singkawang Selatan
6201:01Kumai;02Arut Selatan;03Kotawaringin Lama;04Arut Utara;05Pangkalan Lada;06Pangkalan Banteng
6202:01Kota Besi;02Cempaga;03Mentaya Hulu;04Parenggean;05Baamang;06Mentawa Baru Ketapang;07Mentaya Hilir Utara;08Mentaya Hilir Selatan;09Pulau Hanaut;10Antang Kalang;11Teluk Sampit;12Seranau;13Cempaga Hulu;14Telawang;15Bukit Santuai;16Tualan Hulu;17Telaga Antang
6203:01Selat;02Kapuas Hilir;03Kapuas Timur;04Kapuas Kuala;05Kapuas Barat;06Pulau Petak;07Kapuas Murung;08Basarang;09Mantangai;10Timpah;11Kapuas Tengah;12Kapuas Hulu;13Tamban Catur;14Pasak Talawang;15Mandau Talawang;16Dadahup;17Bataguh
6204:01Jenamas;02Dusun Hilir;03Karau Kuala;04Dusun Utara;05Gn. Bintang Awai;06Dusun Selatan
6205:01Montallat;02Gunung Timang;03Gunung Purei;04Teweh Timur;05Teweh Tengah;06Lahei;07Teweh Baru;08Teweh Selatan;09Lahei Barat
6206:01Kamipang;02Katingan Hilir;03Tewang Sangalang Garing;04Pulau Malan;05Katingan Tengah;06Sanaman Mantikei;07Marikit;08Katingan Hulu;09Mendawai;10Katingan Kuala;11Tasik Payawan;12Petak Malai;13Bukit Raya
6207:01Seruyan Hilir;02Seruyan Tengah;03Danau Sembuluh;04Hanau;05Seruyan Hulu;06Seruyan Hilir Timur;07Seruyan Raya;08Danau Seluluk;09Batu Ampar;10Suling Tambun
6208:01Sukamara;02Jelai;03Balai Riam;04Pantai Lunci;05Permata Kecubung
6209:01Lamandau;02Delang;03Bulik;04Bulik Timur;05Menthobi Raya;06Sematu Jaya;07Belantikan Raya;08Batang Kawa
6210:01Sepang;02Kurun;03Tewah;04Kahayan Hulu Utara;05Rungan;06Manuhing;07Mihing Raya;08Damang Batu;09Miri Manasa;10Rungan Hulu;11Manuhing Raya;12Rungan Barat
6211:01Pandih Batu;02Kahayan Kuala;03Kahayan Tengah;04Banama Tingang;05Kahayan Hilir;06Maliku;07Jabiren Raya;08Sebangau Kuala
6212:01Murung;02Tanah Siang;03Laung Tuhup;04Permata Intan;05Sumber Barito;06Barito Tuhup Raya;07Tanah Siang Selatan;08Sungai Babuat;09Seribu Riam;10Uut Murung
6213:01Dusun Timur;02Banua Lima;03Patangkep Tutui;04Awang;05Dusun Tengah;06Pematang Karau;07Paju Epat;08Raren Batuah;09Paku;10Karusen Janang
6271:01Pahandut;02Bukit Batu;03Jekan Raya;04Sabangau;05Rakumpit
6301:01Takisung;02Jorong;03Pelaihari;04Kurau;05Bati Bati;06Panyipatan;07Kintap;08Tambang Ulang;09Batu Ampar;10Bajuin;11Bumi Makmur
6302:01Pulau Sembilan;02Pulau Laut Barat;03Pulau Laut Selatan;04Pulau Laut Timur;05Pulau Sebuku;06Pulaulaut Utara;07Kelumpang Selatan;08Kelumpang Hulu;09Kelumpang Tengah;10Kelumpang Utara;11Pamukan Selatan;12Sampanahan;13Pamukan Utara;14Hampang;15Sungai Durian;16Pulau Laut Tengah;17Kelumpang Hilir;18Kelumpang Barat;19Pamukan Barat;20Pulau Laut Kepulauan;21Pulau Laut Tanjung Selayar;22Pulaulaut Sigam
6303:01Aluh Aluh;02Kertak Hanyar;03Gambut;04Sungai Tabuk;05Martapura;06Karang Intan;07Astambul;08Simpang Empat;09Pengaron;10Sungai Pinang;11Aranio;12Mataraman;13Beruntung Baru;14Martapura Barat;15Martapura Timur;16Sambung Makmur;17Paramasan;18Telaga Bauntung;19Tatah Makmur;20Cintapuri Darussalam
6304:01Tabunganen;02Tamban;03Anjir Pasar;04Anjir Muara;05Alalak;06Mandastana;07Rantau Badauh;08Belawang;09Cerbon;10Bakumpai;11Kuripan;12Tabukan;13Mekarsari;14Barambai;15Marabahan;16Wanaraya;17Jejangkit
6305:01Binuang;02Tapin Selatan;03Tapin Tengah;04Tapin Utara;05Candi Laras Selatan;06Candi Laras Utara;07Bakarangan;08Piani;09Bungur;10Lokpaikat;11Salam Babaris;12Hatungun
6306:01Sungai Raya;02Padang Batung;03Telaga Langsat;04Angkinang;05Kandangan;06Simpur;07Daha Selatan;08Daha Utara;09Kalumpang;10Loksado;11Daha Barat
6307:01Haruyan;02Batu Benawa;03Labuan Amas Selatan;04Labuan Amas Utara;05Pandawan;06Barabai;07Batang Alai Selatan;08Batang Alai Utara;09Hantakan;10Batang Alai Timur;11Limpasu
6308:01Danau Panggang;02Babirik;03Sungai Pandan;04Amuntai Selatan;05Amuntai Tengah;06Amuntai Utara;07Banjang;08Haur Gading;09Paminggir;10Sungai Tabukan
6309:01Banua Lawas;02Kelua;03Tanta;04Tanjung;05Haruai;06Murung Pudak;07Muara Uya;08Muara Harus;09Pugaan;10Upau;11Jaro;12Bintang Ara
6310:01Batu Licin;02Kusan Hilir;03Sungai Loban;04Satui;05Kusan Hulu;06Simpang Empat;07Karang Bintang;08Mantewe;09Angsana;10Kuranji;11Kusan Tengah;12Teluk Kepayang
6311:01Juai;02Halong;03Awayan;04Batu Mandi;05Lampihong;06Paringin;07Paringin Selatan;08Tebing Tinggi
6371:01Banjarmasin Selatan;02Banjarmasin Timur;03Banjarmasin Barat;04Banjarmasin Utara;05Banjarmasin Tengah
6372:02Landasan Ulin;03Cempaka;04Banjarbaru Utara;05Banjarbaru Selatan;06Liang Anggang
6401:01Batu Sopang;02Tanjung Harapan;03Paser Belengkong;04Tanah Grogot;05Kuaro;06Long Ikis;07Muara Komam;08Long Kali;09Batu Engau;10Muara Samu
6402:01Muara Muntai;02Loa Kulu;03Loa Janan;04Anggana;05Muara Badak;06Tenggarong;07Sebulu;08Kota Bangun;09Kenohan;10Kembang Janggut;11Muara Kaman;12Tabang;13Samboja;14Muara Jawa;15Sanga Sanga;16Tenggarong Seberang;17Marang Kayu;18Muara Wis;19Kota Bangun Darat;20Samboja Barat
6403:01Kelay;02Talisayan;03Sambaliung;04Segah;05Tanjung Redeb;06Gunung Tabur;07Pulau Derawan;08Biduk-Biduk;09Teluk Bayur;10Tabalar;11Maratua;12Batu Putih;13Biatan
6407:05Long Iram;06Melak;07Barong Tongkok;08Damai;09Muara Lawa;10Muara Pahu;11Jempang;12Bongan;13Penyinggahan;14Bentian Besar;15Linggang Bigung;16Nyuatan;17Siluq Ngurai;18Mook Manaar Bulatn;19Tering;20Sekolaq Darat
6408:01Muara Ancalong;02Muara Wahau;03Muara Bengkal;04Sangatta Utara;05Sangkulirang;06Busang;07Telen;08Kombeng;09Bengalon;10Kaliorang;11Sandaran;12Sangatta Selatan;13Teluk Pandan;14Rantau Pulung;15Kaubun;16Karangan;17Batu Ampar;18Long Mesangat
6409:01Penajam;02Waru;03Babulu;04Sepaku
6411:01Long Bagun;02Long Hubung;03Laham;04Long Apari;05Long Pahangai
6471:01Balikpapan Timur;02Balikpapan Barat;03Balikpapan Utara;04Balikpapan Tengah;05Balikpapan Selatan;06Balikpapan Kota
6472:01Palaran;02Samarinda Seberang;03Samarinda Ulu;04Samarinda Ilir;05Samarinda Utara;06Sungai Kunjang;07Sambutan;08Sungai Pinang;09Samarinda Kota;10Loa Janan Ilir
6474:01Bontang Utara;02Bontang Selatan;03Bontang Barat
6501:01Tanjung Palas;02Tanjung Palas Barat;03Tanjung Palas Utara;04Tanjung Palas Timur;05Tanjung Selor;06Tanjung Palas Tengah;07Peso;08Peso Hilir;09Sekatak;10Bunyu
6502:01Mentarang;02Malinau Kota;03Pujungan;04Kayan Hilir;05Kayan Hulu;06Malinau Selatan;07Malinau Utara;08Malinau Barat;09Sungai Boh;10Kayan Selatan;11Bahau Hulu;12Mentarang Hulu;13Malinau Selatan Hilir;14Malinau Selatan Hulu;15Sungai Tubu
6503:01Sebatik;02Nunukan;03Sembakung;04Lumbis;05Krayan;06Sebuku;07Krayan Selatan;08Sebatik Barat;09Nunukan Selatan;10Sebatik Timur;11Sebatik Utara;12Sebatik Tengah;13Sei Menggaris;14Tulin Onsoi;15Lumbis Ogong;16Sembakung Atulai;17Krayan Tengah;18Krayan Timur;19Krayan Barat;20Lumbis Pansiangan;21Lumbis Hulu
6504:01Sesayap;02Sesayap Hilir;03Tana Lia;04Betayau;05Muruk Rian
6571:01Tarakan Barat;02Tarakan Tengah;03Tarakan Timur;04Tarakan Utara
7101:05Sang Tombolang;09Dumoga Barat;10Dumoga Timur;11Dumoga Utara;12Lolak;13Bolaang;14Lolayan;19Passi Barat;20Poigar;22Passi Timur;31Bolaang Timur;32Bilalang;33Dumoga;34Dumoga Tenggara;35Dumoga Tengah
7102:01Tondano Barat;02Tondano Timur;03Eris;04Kombi;05Lembean Timur;06Kakas;07Tompaso;08Remboken;09Langowan Timur;10Langowan Barat;11Sonder;12Kawangkoan;13Pineleng;14Tombulu;15Tombariri;16Tondano Utara;17Langowan Selatan;18Tondano Selatan;19Langowan Utara;20Kakas Barat;21Kawangkoan Utara;22Kawangkoan Barat;23Mandolang;24Tombariri Timur;25Tompaso Barat
7103:08Tabukan Utara;09Nusa Tabukan;10Manganitu Selatan;11Tatoareng;12Tamako;13Manganitu;14Tabukan Tengah;15Tabukan Selatan;16Kendahe;17Tahuna;19Tabukan Selatan Tengah;20Tabukan Selatan Tenggara;23Tahuna Barat;24Tahuna Timur;25Kepulauan Marore
7104:01Lirung;02Beo;03Rainis;04Essang;05Nanusa;06Kabaruan;07Melonguane;08Gemeh;09Damau;10Tampan' Amma;11Salibabu;12Kalongan;13Miangas;14Beo Utara;15Pulutan;16Melonguane Timur;17Moronge;18Beo Selatan;19Essang Selatan
7105:01Modoinding;02Tompaso Baru;03Ranoyapo;07Motoling;08Sinonsayang;09Tenga;10Amurang;12Tumpaan;13Tareran;15Kumelembuai;16Maesaan;17Amurang Barat;18Amurang Timur;19Tatapaan;21Motoling Barat;22Motoling Timur;23Suluun Tareran
7106:01Kema;02Kauditan;03Airmadidi;04Wori;05Dimembe;06Likupang Barat;07Likupang Timur;08Kalawat;09Talawaan;10Likupang Selatan
7107:01Ratahan;02Pusomaen;03Belang;04Ratatotok;05Tombatu;06Touluaan;07Touluaan Selatan;08Silian Raya;09Tombatu Timur;10Tombatu Utara;11Pasan;12Ratahan Timur
7108:01Sangkub;02Bintauna;03Bolangitang Timur;04Bolangitang Barat;05Kaidipang;06Pinogaluman
7109:01Siau Timur;02Siau Barat;03Tagulandang;04Siau Timur Selatan;05Siau Barat Selatan;06Tagulandang Utara;07Biaro;08Siau Barat Utara;09Siau Tengah;10Tagulandang Selatan
7110:01Tutuyan;02Kotabunan;03Nuangan;04Modayag;05Modayag Barat;06Motongkad;07Mooat
7111:01Bolaang Uki;02Posigadan;03Pinolosian;04Pinolosian Tengah;05Pinolosian Timur;06Helumo;07Tomini
7171:01Bunaken;02Tuminting;03Singkil;04Wenang;05Tikala;06Sario;07Wanea;08Mapanget;09Malalayang;10Bunaken Kepulauan;11Paal Dua
7172:01Lembeh Selatan;02Madidir;03Ranowulu;04Aertembaga;05Matuari;06Girian;07Maesa;08Lembeh Utara
7173:01Tomohon Selatan;02Tomohon Tengah;03Tomohon Utara;04Tomohon Barat;05Tomohon Timur
7174:01Kotamobagu Utara;02Kotamobagu Timur;03Kotamobagu Selatan;04Kotamobagu Barat
7201:01Batui;02Bunta;03Kintom;04Luwuk;05Lamala;06Balantak;07Pagimana;08Bualemo;09Toili;10Masama;11Luwuk Timur;12Toili Barat;13Nuhon;14Moilong;15Batui Selatan;16Lobu;17Simpang Raya;18Balantak Selatan;19Balantak Utara;20Luwuk Selatan;21Luwuk Utara;22Mantoh;23Nambo;24Toili Jaya
7202:01Poso Kota;02Poso Pesisir;03Lage;04Pamona Puselemba;05Pamona Timur;06Pamona Selatan;07Lore Utara;08Lore Tengah;09Lore Selatan;18Poso Pesisir Utara;19Poso Pesisir Selatan;20Pamona Barat;21Poso Kota Selatan;22Poso Kota Utara;23Lore Barat;24Lore Timur;25Lore Peore;26Pamona Tenggara;27Pamona Utara
7203:04Rio Pakava;06Dampelas;08Banawa;09Labuan;10Sindue;11Sirenja;12Balaesang;14Sojol;18Banawa Selatan;19Tanantovea;21Pinembani;24Sindue Tombusabora;25Sindue Tobata;27Banawa Tengah;30Sojol Utara;31Balaesang Tanjung
7204:01Dampal Selatan;02Dampal Utara;03Dondo;04Basidondo;05Ogodeide;06Lampasio;07Baolan;08Galang;09Tolitoli Utara;10Dako Pemean
7205:01Momunu;02Lakea;03Bokat;04Bunobogu;05Paleleh;06Biau;07Tiloan;08Bukal;09Gadung;10Karamat;11Paleleh Barat
7206:05Bungku Tengah;06Bungku Selatan;07Menui Kepulauan;08Bungku Barat;09Bumi Raya;10Bahodopi;12Wita Ponda;15Bungku Pesisir;18Bungku Timur;20Sombori Kepulauan
7207:03Totikum;04Tinangkung;05Liang;06Bulagi;07Buko;09Bulagi Selatan;11Tinangkung Selatan;15Totikum Selatan;16Peling Tengah;17Bulagi Utara;18Buko Selatan;19Tinangkung Utara
7208:01Parigi;02Ampibabo;03Tinombo;04Moutong;05Tomini;06Sausu;07Bolano Lambunu;08Kasimbar;09Torue;10Tinombo Selatan;11Parigi Selatan;12Mepanga;13Toribulu;14Taopa;15Balinggi;16Parigi Barat;17Siniu;18Palasa;19Parigi Utara;20Parigi Tengah;21Bolano;22Ongka Malino;23Sidoan
7209:01Una Una;02Togean;03Walea Kepulauan;04Ampana Tete;05Ampana Kota;06Ulubongka;07Tojo Barat;08Tojo;09Walea Besar;10Ratolindo;11Batudaka;12Talatako
7210:01Sigi Biromaru;02Palolo;03Nokilalaki;04Lindu;05Kulawi;06Kulawi Selatan;07Pipikoro;08Gumbasa;09Dolo Selatan;10Tanambulava;11Dolo Barat;12Dolo;13Kinovaro;14Marawola;15Marawola Barat
7211:01Banggai;02Banggai Utara;03Bokan Kepulauan;04Bangkurung;05Labobo;06Banggai Selatan;07Banggai Tengah
7212:01Petasia;02Petasia Timur;03Lembo Raya;04Lembo;05Mori Atas;06Mori Utara;07Soyo Jaya;08Bungku Utara;09Mamosalato;10Petasia Barat
7271:01Palu Timur;02Palu Barat;03Palu Selatan;04Palu Utara;05Ulujadi;06Tatanga;07Tawaeli;08Mantikulore
7301:01Benteng;02Bontoharu;03Bontomatene;04Bontomanai;05Bontosikuyu;06Pasimasunggu;07Pasimarannu;08Taka Bonerate;09Pasilambena;10Pasimasunggu Timur;11Buki
7302:01Gantarang;02Ujung Bulu;03Bonto Bahari;04Bonto Tiro;05Herlang;06Kajang;07Bulukumpa;08Kindang;09Ujungloe;10Rilauale
7303:01Bissappu;02Bantaeng;03Eremerasa;04Tompo Bulu;05Pajukukang;06Uluere;07Gantarang Keke;08Sinoa
7304:01Bangkala;02Tamalatea;03Binamu;04Batang;05Kelara;06Bangkala Barat;07Bontoramba;08Turatea;09Arungkeke;10Rumbia;11Tarowang
7305:01Mappakasunggu;02Mangarabombang;03Polongbangkeng Selatan;04Polongbangkeng Utara;05Galesong Selatan;06Galesong Utara;07Pattallassang;08Sanrobone;09Galesong;10Kepulauan Tanakeke;11Polongbangkeng Timur;12Laikang
7306:01Bontonompo;02Bajeng;03Tompobulu;04Tinggimoncong;05Parangloe;06Bontomarannu;07Pallangga;08Somba Opu;09Bungaya;10Tombolopao;11Biringbulu;12Barombong;13Pattallasang;14Manuju;15Bontolempangang;16Bontonompo Selatan;17Parigi;18Bajeng Barat
7307:01Sinjai Barat;02Sinjai Selatan;03Sinjai Timur;04Sinjai Tengah;05Sinjai Utara;06Bulupoddo;07Sinjai Borong;08Tellu Limpoe;09Pulau Sembilan
7308:01Bontocani;02Kahu;03Kajuara;04Salomekko;05Tonra;06Libureng;07Mare;08Sibulue;09Barebbo;10Cina;11Ponre;12Lappariaja;13Lamuru;14Ulaweng;15Palakka;16Awangpone;17Tellu Siattinge;18Ajangale;19Dua Boccoe;20Cenrana;21Tanete Riattang;22Tanete Riattang Barat;23Tanete Riattang Timur;24Amali;25Tellulimpoe;26Bengo;27Patimpeng
7309:01Mandai;02Camba;03Bantimurung;04Maros Baru;05Bontoa;06Malllawa;07Tanralili;08Marusu;09Simbang;10Cenrana;11Tompobulu;12Lau;13Moncongloe;14Turikale
7310:01Liukang Tangaya;02Liukang Kalmas;03Liukang Tupabbiring;04Pangkajene;05Balocci;06Bungoro;07Labakkang;08Marang;09Segeri;10Minasate'ne;11Mandalle;12Tondong Tallasa;13Liukang Tupabbiring Utara
7311:01Tanete Riaja;02Tanete Rilau;03Barru;04Soppeng Riaja;05Mallusetasi;06Pujananting;07Balusu
7312:01Marioriwawo;02Liliriaja;03Lilirilau;04Lalabata;05Marioriawa;06Donri-Donri;07Ganra;08Citta
7313:01Sabangparu;02Pammana;03Takkalalla;04Sajoanging;05Majauleng;06Tempe;07Belawa;08Tanasitolo;09Maniangpajo;10Pitumpanua;11Bola;12Penrang;13Gilireng;14Keera
7314:01Panca Lautang;02Tellu Limpoe;03Watang Pulu;04Baranti;05Panca Rijang;06Kulo;07Maritengngae;08Watang Sidenreng;09Dua Pitue;10Pitu Riawa;11Pitu Riase
7315:01Mattiro Sompe;02Suppa;03Mattiro Bulu;04Watang Sawitto;05Patampanua;06Duampanua;07Lembang;08Cempa;09Tiroang;10Lanrisang;11Paleteang;12Batulappa
7316:01Maiwa;02Enrekang;03Baraka;04Anggeraja;05Alla;06Bungin;07Cendana;08Curio;09Malua;10Buntu Batu;11Masalle;12Baroko
7317:01Basse Sangtempe;02Larompong;03Suli;04Bajo;05Bua Ponrang;06Walenrang;07Belopa;08Bua;09Lamasi;10Larompong Selatan;11Ponrang;12Latimojong;13Kamanre;14Belopa Utara;15Walenrang Barat;16Walenrang Utara;17Walenrang Timur;18Lamasi Timur;19Suli Barat;20Bajo Barat;21Ponrang Selatan;22Basse Sangtempe Utara
7318:01Salupputti;02Bittuang;03Bonggakaradeng;05Makale;09Simbuang;11Rantetayo;12Mengkendek;13Sangalla';19Gandangbatu Sillanan;20Rembon;27Makale Utara;28Mappak;29Makale Selatan;31Masanda;33Sangalla' Selatan;34Sangalla' Utara;35Malimbong Balepe';37Rano;38Kurra
7322:01Malangke;02Bone Bone;03Masamba;04Sabbang;05Rongkong;06Sukamaju;07Seko;08Malangke Barat;09Rampi;10Mappedeceng;11Baebunta;12Tana Lili;13Sukamaju Selatan;14Baebunta Selatan;15Sabbang Selatan
7324:01Mangkutana;02Nuha;03Towuti;04Malili;05Angkona;06Wotu;07Burau;08Tomoni;09Tomoni Timur;10Kalaena;11Wasuponda
7326:01Rantepao;02Sesean;03Nanggala;04Rindingallo;05Buntao;06Sa'dan;07Sanggalangi;08Sopai;09Tikala;10Balusu;11Tallunglipu;12Dende' Piongan Napo;13Buntu Pepasan;14Baruppu;15Kesu;16Tondon;17Bangkelekila;18Rantebua;19Sesean Suloara;20Kapala Pitu;21Awan Rante Karua
7371:01Mariso;02Mamajang;03Makassar;04Ujung Pandang;05Wajo;06Bontoala;07Tallo;08Ujung Tanah;09Panakkukang;10Tamalate;11Biringkanaya;12Manggala;13Rappocini;14Tamalanrea;15Kepulauan Sangkarrang
7372:01Bacukiki;02Ujung;03Soreang;04Bacukiki Barat
7373:01Wara;02Wara Utara;03Wara Selatan;04Telluwanua;05Wara Timur;06Wara Barat;07Sendana;08Mungkajang;09Bara
7401:01Wundulako;04Kolaka;07Pomalaa;08Watubangga;10Wolo;12Baula;14Latambaga;18Tanggetada;20Samaturu;24Toari;25Polinggona;27Iwoimendaa
7402:01Lambuya;02Unaaha;03Wawotobi;04Pondidaha;05Sampara;10Abuki;11Soropia;15Tongauna;16Latoma;17Puriala;18Uepai;19Wonggeduku;20Besulutu;21Bondoala;23Routa;24Anggaberi;25Meluhu;28Amonggedo;31Asinua;32Konawe;33Kapoiala;36Lalonggasumeeto;37Onembute;38Padangguni;39Morosi;40Anggalomoare;41Wonggeduku Barat;42Tongauna Utara
7403:06Napabalano;07Maligano;13Wakorumba Selatan;14Lasalepa;15Batalaiworu;16Katobu;17Duruka;18Lohia;19Watopute;20Kontunaga;23Kabangka;24Kabawo;25Parigi;26Bone;27Tongkuno;28Pasir Putih;30Kontu Kowuna;31Marobo;32Tongkuno Selatan;33Pasi Kolaga;34Batukara;37Towea
7404:11Pasarwajo;22Kapontori;23Lasalimu;24Lasalimu Selatan;27Siotapina;28Wolowa;29Wabula
7405:01Tinanggea;02Angata;03Andoolo;04Palangga;05Landono;06Lainea;07Konda;08Ranomeeto;09Kolono;10Moramo;11Laonti;12Lalembuu;13Benua;14Palangga Selatan;15Mowila;16Moramo Utara;17Buke;18Wolasi;19Laeya;20Baito;21Basala;22Ranomeeto Barat;23Kolono Timur;24Sabulakoa;25Andoolo Barat
7406:01Poleang;02Poleang Timur;03Rarowatu;04Rumbia;05Kabaena;06Kabaena Timur;07Poleang Barat;08Mata Oleo;09Rarowatu Utara;10Poleang Utara;11Poleang Selatan;12Poleang Tenggara;13Kabaena Selatan;14Kabaena Barat;15Kabaena Utara;16Kabaena Tengah;17Kep. Masaloka Raya;18Rumbia Tengah;19Poleang Tengah;20Tontonunu;21Lantari Jaya;22Mata Usu
7407:01Wangi-Wangi;02Kaledupa;03Tomia;04Binongko;05Wangi Wangi Selatan;06Kaledupa Selatan;07Tomia Timur;08Togo Binongko
7408:01Lasusua;02Pakue;03Batu Putih;04Rante Angin;05Kodeoha;06Ngapa;07Wawo;08Lambai;09Watunohu;10Pakue Tengah;11Pakue Utara;12Porehu;13Katoi;14Tiwu;15Tolala
7409:01Asera;02Wiwirano;03Langgikima;04Molawe;05Lasolo;06Lembo;07Sawa;08Oheo;09Andowia;10Motui;11Wawolesea;12Lasolo Kepulauan;13Landawe
7410:01Kulisusu;02Kambowa;03Bonegunu;04Kulisusu Barat;05Kulisusu Utara;06Wakorumba Utara
7411:01Tirawuta;02Loea;03Ladongi;04Poli Polia;05Lambandia;06Lalolae;07Mowewe;08Uluiwoi;09Tinondo;10Aere;11Ueesi;12Dangia
7412:01Wawonii Barat;02Wawonii Utara;03Wawonii Timur Laut;04Wawonii Timur;05Wawonii Tenggara;06Wawonii Selatan;07Wawonii Tengah
7413:01Sawerigadi;02Barangka;03Lawa;04Wadaga;05Tiworo Selatan;06Maginti;07Tiworo Tengah;08Tiworo Utara;09Tiworo Kepulauan;10Kusambi;11Napano Kusambi
7414:01Lakudo;02Mawasangka Timur;03Mawasangka Tengah;04Mawasangka;05Talaga Raya;06Gu;07Sangia Wambulu
7415:01Batauga;02Sampolawa;03Lapandewa;04Batu Atas;05Siompu Barat;06Siompu;07Kadatua
7471:01Mandonga;02Kendari;03Baruga;04Poasia;05Kendari Barat;06Abeli;07Wua-Wua;08Kadia;09Puuwatu;10Kambu;11Nambo
7472:01Betoambari;02Wolio;03Sorawolio;04Bungi;05Kokalukuna;06Murhum;07Lea-Lea;08Batupoaro
7501:01Limboto;02Telaga;03Batudaa;04Tibawa;05Batudaa Pantai;09Boliyohuto;10Telaga Biru;11Bongomeme;13Tolangohula;14Mootilango;16Pulubala;17Limboto Barat;18Tilango;19Tabongo;20Biluhu;21Asparaga;22Talaga Jaya;23Bilato;24Dungaliyo
7502:01Paguyaman;02Wonosari;03Dulupi;04Tilamuta;05Mananggu;06Botumoito;07Paguyaman Pantai
7503:01Tapa;02Kabila;03Suwawa;04Bonepantai;05Bulango Utara;06Tilongkabila;07Botupingge;08Kabila Bone;09Bone;10Bone Raya;11Suwawa Timur;12Suwawa Selatan;13Suwawa Tengah;14Bulango Ulu;15Bulango Selatan;16Bulango Timur;17Bulawa;18Pinogu
7504:01Popayato;02Lemito;03Randangan;04Marisa;05Paguat;06Patilanggio;07Taluditi;08Dengilo;09Buntulia;10Duhiadaa;11Wanggarasi;12Popayato Timur;13Popayato Barat
7505:01Atinggola;02Kwandang;03Anggrek;04Sumalata;05Tolinggula;06Gentuma Raya;07Tomilito;08Ponelo Kepulauan;09Monano;10Biau;11Sumalata Timur
7571:01Kota Barat;02Kota Selatan;03Kota Utara;04Dungingi;05Kota Timur;06Kota Tengah;07Sipatana;08Dumbo Raya;09Hulonthalangi
7601:01Bambalamotu;02Pasangkayu;03Baras;04Sarudu;05Dapurang;06Duripoku;07Bulu Taba;08Tikke Raya;09Pedongga;10Bambaira;11Sarjo;12Lariang
7602:01Mamuju;02Tapalang;03Kalukku;04Kalumpang;07Papalang;08Sampaga;11Tommo;12Simboro;13Tapalang Barat;15Bonehau;16Kepulauan Bala Balakang
7603:01Mambi;02Aralle;03Mamasa;04Pana;05Tabulahan;06Sumarorong;07Messawa;08Sesenapadang;09Tanduk Kalua;10Tabang;11Bambang;12Balla;13Nosu;14Tawalian;15Rantebulahan Timur;16Buntumalangka;17Mehalaan
7604:01Tinambung;02Campalagian;03Wonomulyo;04Polewali;05Tutar;06Binuang;07Tapango;08Mapilli;09Matangnga;10Luyo;11Limboro;12Balanipa;13Anreapi;14Matakali;15Allu;16Bulo
7605:01Banggae;02Pamboang;03Sendana;04Malunda;05Ulumanda;06Tammerodo Sendana;07Tubo Sendana;08Banggae Timur
7606:01Tobadak;02Pangale;03Budong-Budong;04Topoyo;05Karossa
8101:01Amahai;02Teon Nila Serua;06Seram Utara;09Banda;11Tehoru;12Saparua;13Pulau Haruku;14Salahutu;15Leihitu;16Nusa Laut;17Kota Masohi;20Seram Utara Barat;21Teluk Elpaputih;22Leihitu Barat;23Telutih;24Seram Utara Timur Seti;25Seram Utara Timur Kobi;26Saparua Timur
8102:01Kei Kecil;03Kei Besar;04Kei Besar Selatan;05Kei Besar Utara Timur;13Kei Kecil Timur;14Kei Kecil Barat;15Manyeuw;16Hoat Sorbay;17Kei Besar Utara Barat;18Kei Besar Selatan Barat;19Kei Kecil Timur Selatan
8103:01Tanimbar Selatan;02Selaru;03Wertamrian;04Wermaktian;05Tanimbar Utara;06Fordata;07Wuar Labobar;08Kormomolin;09Nirunmas;18Molu Maru
8104:01Namlea;02Air Buaya;03Waeapo;06Waplau;10Batabual;11Lolong Guba;12Waelata;13Fena Leisela;14Teluk Kaiely;15Lilialy
8105:01Bula;02Seram Timur;03Werinama;04Pulau Gorom;05Wakate;06Tutuk Tolu;07Siwalalat;08Kilmury;09Pulau Panjang;10Teor;11Gorom Timur;12Bula Barat;13Kian Darat;14Siritaun Wida Timur;15Teluk Waru;16Ukar Sengan
8106:01Kairatu;02Seram Barat;03Taniwel;04Huamual Belakang;05Amalatu;06Inamosol;07Kairatu Barat;08Huamual;09Kepulauan Manipa;10Taniwel Timur;11Elpaputih
8107:01Pulau-Pulau Aru;02Aru Selatan;03Aru Tengah;04Aru Utara;05Aru Utara Timur Batuley;06Sir-Sir;07Aru Tengah Timur;08Aru Tengah Selatan;09Aru Selatan Timur;10Aru Selatan Utara
8108:01Moa;02Damer;03Kepulauan Luang Sermata;04Babar Barat;05Pulau-pulau Babar Timur;06Wetar Selatan;07Kisar Selatan;08Pulau Leti;09Pulau Masela;10Dawelor Dawera;11Pulau Wetang;12Pulau Lakor;13Wetar Utara;14Wetar Barat;15Wetar Timur;16Kepulauan Roma;17Kisar Utara
8109:01Namrole;02Waesama;03Ambalau;04Kepala Madan;05Leksula;06Fena Fafan
8171:01Nusaniwe;02Sirimau;03Baguala;04Teluk Ambon;05Leitimur Selatan
8172:01Pulau Dullah Utara;02Pulau Dullah Selatan;03Tayando Tam;04Pulau-Pulau Kur;05Kur Selatan
8201:01Jailolo;02Loloda;03Ibu;04Sahu;05Jailolo Selatan;07Ibu Utara;08Ibu Selatan;09Sahu Timur;10Loloda Tengah
8202:01Weda;02Patani;03Pulau Gebe;04Weda Utara;05Weda Selatan;06Patani Utara;07Weda Tengah;08Patani Barat;09Weda Timur;10Patani Timur
8203:04Galela;05Tobelo;06Tobelo Selatan;07Kao;08Malifut;09Loloda Utara;10Tobelo Utara;11Tobelo Tengah;12Tobelo Timur;13Tobelo Barat;14Galela Barat;15Galela Utara;16Galela Selatan;19Loloda Kepulauan;20Kao Utara;21Kao Barat;22Kao Teluk
8204:01Pulau Makian;02Kayoa;03Gane Timur;04Gane Barat;05Obi Selatan;06Obi;07Bacan Timur;08Bacan;09Bacan Barat;10Makian Barat;11Kayoa Barat;12Kayoa Selatan;13Kayoa Utara;14Bacan Barat Utara;15Kasiruta Barat;16Kasiruta Timur;17Bacan Selatan;18Kepulauan Botanglomang;19Mandioli Selatan;20Mandioli Utara;21Bacan Timur Selatan;22Bacan Timur Tengah;23Gane Barat Selatan;24Gane Barat Utara;25Kepulauan Joronga;26Gane Timur Selatan;27Gane Timur Tengah;28Obi Barat;29Obi Timur;30Obi Utara
8205:01Mangoli Timur;02Sanana;03Sulabesi Barat;06Mangoli Barat;07Sulabesi Tengah;08Sulabesi Timur;09Sulabesi Selatan;10Mangoli Utara Timur;11Mangoli Tengah;12Mangoli Selatan;13Mangoli Utara;18Sanana Utara
8206:01Wasile;02Maba;03Maba Selatan;04Wasile Selatan;05Wasile Tengah;06Wasile Utara;07Wasile Timur;08Maba Tengah;09Maba Utara;10Kota Maba
8207:01Morotai Selatan;02Morotai Selatan Barat;03Morotai Jaya;04Morotai Utara;05Morotai Timur;06Pulau Rao
8208:01Taliabu Barat;02Taliabu Barat Laut;03Lede;04Taliabu Utara;05Taliabu Timur;06Taliabu Timur Selatan;07Taliabu Selatan;08Tabona
8271:01Pulau Ternate;02Kota Ternate Selatan;03Kota Ternate Utara;04Moti;05Pulau Batang Dua;06Kota Ternate Tengah;07Pulau Hiri;08Ternate Barat
8272:01Tidore;02Oba Utara;03Oba;04Tidore Selatan;05Tidore Utara;06Oba Tengah;07Oba Selatan;08Tidore Timur
9103:01Sentani;02Sentani Timur;03Depapre;04Sentani Barat;05Kemtuk;06Kemtuk Gresi;07Nimboran;08Nimbokrang;09Unurum Guay;10Demta;11Kaureh;12Ebungfao;13Waibu;14Nambluong;15Yapsi;16Airu;17Raveni Rara;18Gresi Selatan;19Yokari
9105:01Yapen Selatan;02Yapen Barat;03Yapen Timur;04Angkaisera;05Poom;06Kosiwo;07Yapen Utara;08Raimbawi;09Teluk Ampimoi;10Kepulauan Ambai;11Wonawa;12Windesi;13Pulau Kurudu;14Pulau Yerui;15Anotaurei;16Yawakukat;17Nusawani
9106:01Biak Kota;02Biak Utara;03Biak Timur;04Numfor Barat;05Numfor Timur;08Biak Barat;09Warsa;10Padaido;11Yendidori;12Samofa;13Yawosi;14Andey;15Swandiwe;16Bruyadori;17Orkeri;18Poiru;19Aimando Padaido;20Oridek;21Bondifuar
9110:01Sarmi;02Tor Atas;03Pantai Barat;04Pantai Timur;05Bonggo;09Apawer Hulu;12Sarmi Selatan;13Sarmi Timur;14Pantai Timur Bagian Barat;15Bonggo Timur
9111:01Waris;02Arso;03Senggi;04Web;05Skanto;06Arso Timur;07Towe;08Arso Barat;09Mannem;10Yaffi;11Kaisenar
9115:01Waropen Bawah;03Masirei;07Risei Sayati;08Urei Faisei;09Inggerus;10Kirihi;11Oudate;12Wapoga;13Demba;14Wonti;15Soyoi Mambai
9119:01Supiori Selatan;02Supiori Utara;03Supiori Timur;04Kepulauan Aruri;05Supiori Barat
9120:01Mamberamo Tengah;02Mamberamo Hulu;03Rufaer;04Mamberamo Tengah Timur;05Mamberamo Hilir;06Waropen Atas;07Benuki;08Sawai
9171:01Jayapura Utara;02Jayapura Selatan;03Abepura;04Muara Tami;05Heram
9202:03Warmare;04Prafi;05Masni;12Manokwari Barat;13Manokwari Timur;14Manokwari Utara;15Manokwari Selatan;17Tanah Rubuh;21Sidey;31Aimasi;32Mokwam;33Masni Utara;34Wasirawi;35Moruj Mega
9203:01Fak-Fak;02Fak-Fak Barat;03Fak-Fak Timur;04Kokas;05Fak-Fak Tengah;06Karas;07Bomberay;08Kramongmongga;09Teluk Patipi;10Pariwari;11Wartutin;12Fakfak Timur Tengah;13Arguni;14Mbahamdandara;15Kayauni;16Furwagi;17Tomage
9206:01Bintuni;02Merdey;03Babo;04Aranday;05Moskona Selatan;06Moskona Utara;07Wamesa;08Fafurwar;09Tembuni;10Kuri;11Manimeri;12Tuhiba;13Dataran Beimes;14Sumuri;15Kaitaro;16Aroba;17Masyeta;18Biscoop;19Tomu;20Kamundan;21Weriagar;22Moskona Barat;23Meyado;24Moskona Timur
9207:01Wasior;02Windesi;03Teluk Duairi;04Wondiboy;05Wamesa;06Rumberpon;07Naikere;08Rasiei;09Kuri Wamesa;10Roon;11Roswar;12Nikiwar;13Soug Jaya
9208:01Kaimana;02Buruway;03Teluk Arguni Atas;04Teluk Etna;05Kambrau;06Teluk Arguni Bawah;07Yamor
9211:01Ransiki;02Oransbari;03Neney;04Dataran Isim;05Momi Waren;06Tahota
9212:01Anggi;02Anggi Gida;03Membey;04Sururey;05Didohu;06Taige;07Catubouw;08Testega;09Minyambaouw;10Hingk
9301:01Merauke;02Muting;03Okaba;04Kimaam;05Semangga;06Tanah Miring;07Jagebob;08Sota;09Ulilin;10Elikobal;11Kurik;12Naukenjerai;13Animha;14Malind;15Tubang;16Ngguti;17Kaptel;18Tabonji;19Waan;20Ilwayab;21Padua;22Kontuar
9302:01Mandobo;02Mindiptana;03Waropko;04Kouh;05Jair;06Bomakia;07Kombut;08Iniyandit;09Arimop;10Fofi;11Ambatkwi;12Manggelum;13Firiwage;14Yaniruma;15Subur;16Kombay;17Ninati;18Sesnuk;19Ki;20Kawagit
9303:01Obaa;02Mambioman Bapai;03Citak-Mitak;04Edera;05Haju;06Assue;07Kaibar;08Passue;09Minyamur;10Venaha;11Syahcame;12Yakomi;13Bamgi;14Passue Bawah;15Ti Zain
9304:01Agats;02Atsj;03Sawa Erma;04Akat;05Fayit;06Pantai Kasuari;07Suator;08Suru-suru;09Kolf Braza;10Unir Sirau;11Joerat;12Pulau Tiga;13Jetsy;14Der Koumur;15Kopay;16Safan;17Sirets;18Ayib;19Betcbamu;20Joutu;21Aswi;22Awyu;23Koroway Buluanop;24Tomor Birip;25Sor Ep
9401:01Nabire;02Napan;03Yaur;04Uwapa;05Wanggar;06Siriwo;07Makimi;08Teluk Umar;09Teluk Kimi;10Yaro;11Wapoga;12Nabire Barat;13Moora;14Dipa;15Menou
9402:01Mulia;02Ilu;03Fawi;04Mewoluk;05Yamo;06Nume;07Torere;08Tingginambut;09Pagaleme;10Gurage;11Irimuli;12Muara;13Ilamburawi;14Yambi;15Lumo;16Molanikime;17Dokome;18Kalome;19Wanwi;20Yamoneri;21Waegi;22Nioga;23Gubume;24Taganombak;25Dagai;26Kiyage
9403:01Paniai Timur;02Paniai Barat;03Aradide;04Bogabaida;05Bibida;06Dumadama;07Siriwo;08Kebo;09Yatamo;10Ekadide;11Wegee Muka;12Wegee Bino;13Pugo Dagi;14Muye;15Nakama;16Teluk Deya;17Yagai;18Youtadi;19Baya Biru;20Deiyai Miyo;21Dogomo;22Aweida;23Topiyai;24Fajar Timur
9404:01Mimika Baru;02Agimuga;03Mimika Timur;04Mimika Barat;05Jita;06Jila;07Mimika Timur Jauh;08Mimika Tengah;09Kuala Kencana;10Tembagapura;11Mimika Barat Jauh;12Mimika Barat Tengah;13Kwamki Narama;14Hoya;15Iwaka;16Wania;17Amar;18Alama
9405:01Ilaga;02Wangbe;03Beoga;04Doufo;05Pogoma;06Sinak;07Agandugume;08Gome;09Dervos;10Beoga Barat;11Beoga Timur;12Ogamanim;13Kembru;14Bina;15Sinak Barat;16Mage'abume;17Yugumuak;18Ilaga Utara;19Mabugi;20Omukia;21Lambewi;22Oneri;23Amungkalpia;24Gome Utara;25Erelmakawia
9406:01Kamu;02Mapia;03Piyaiye;04Kamu Utara;05Sukikai Selatan;06Mapia Barat;07Kamu Selatan;08Kamu Timur;09Mapia Tengah;10Dogiyai
9407:01Sugapa;02Homeyo;03Wandai;04Biandoga;05Agisiga;06Hitadipa;07Ugimba;08Tomosiga
9408:01Tigi;02Tigi Timur;03Bowobado;04Tigi Barat;05Kapiraya
9501:01Wamena;02Kurulu;03Asologaima;04Hubikosi;05Bolakme;06Walelagama;07Musatfak;08Wolo;09Asolokobal;10Pelebaga;11Yalengga;12Trikora;13Napua;14Walaik;15Wouma;16Hubikiak;17Ibele;18Taelarek;19Itlay Hisage;20Siepkosi;21Usilimo;22Wita Waya;23Libarek;24Wadangku;25Pisugi;26Koragi;27Tagime;28Molagalome;29Tagineri;30Silo Karno Doga;31Piramid;32Muliama;33Bugi;34Bpiri;35Welesi;36Asotipo;37Maima;38Popugoba;39Wame;40Wesaput
9502:01Oksibil;02Kiwirok;03Okbibab;04Iwur;05Batom;06Borme;07Kiwirok Timur;08Aboy;09Pepera;10Bime;11Alemsom;12Okbape;13Kalomdol;14Oksop;15Serambakon;16Ok Aom;17Kawor;18Awinbon;19Tarup;20Okhika;21Oksamol;22Oklip;23Okbemtau;24Oksebang;25Okbab;26Batani;27Weime;28Murkim;29Mofinop;30Jetfa;31Teiraplu;32Eipumek;33Pamek;34Nongme
9503:01Kurima;02Anggruk;03Ninia;04Silimo;05Samenage;06Nalca;07Dekai;08Obio;09Suru Suru;10Wusama;11Amuma;12Musaik;13Pasema;14Hogio;15Mugi;16Soba;17Werima;18Tangma;19Ukha;20Panggema;21Kosarek;22Nipsan;23Ubahak;24Pronggoli;25Walma;26Yahuliambut;27Hereapini;28Ubalihi;29Talambo;30Puldama;31Endomen;32Kona;33Dirwemna;34Holuwon;35Lolat;36Soloikma;37Sela;38Korupun;39Langda;40Bomela;41Suntamon;42Seradala;43Sobaham;44Kabianggama;45Kwelamdua;46Kwikma;47Hilipuk;48Duram;49Yogosem;50Kayo;51Sumo
9504:01Karubaga;02Bokondini;03Kanggime;04Kembu;05Goyage;06Wunim;07Wina;08Umagi;09Panaga;10Woniki;11Kubu;12Konda/Kondaga;13Nelawi;14Kuari;15Bokoneri;16Bewani;17Nabunage;18Gilubandu;19Nunggawi;20Gundagi;21Numba;22Timori;23Dundu;24Geya;25Egiam;26Poganeri;27Kamboneri;28Airgaram;29Wari/Taiyeve II;30Dow;31Tagineri;32Yuneri;33Wakuwo;34Gika;35Telenggeme;36Anawi;37Wenam;38Wugi;39Danime;40Tagime;41Kai;42Aweku;43Bogonuk;44Li Anogomma;45Biuk;46Yuko
9505:01Kobakma;02Kelila;03Eragayam;04Megambilis;05Ilugwa
9506:01Elelim;02Apalapsili;03Abenaho;04Benawa;05Welarek
9507:01Tiom;02Pirime;03Makki;04Gamelia;05Dimba;06Melagineri;07Balingga;08Tiomneri;09Kuyawage;10Poga;11Niname;12Nogi;13Yiginua;14Tiom Ollo;15Yugungwi;16Mokoni;17Wereka;18Milimbo;19Wiringgambut;20Gollo;21Awina;22Ayumnati;23Wano Barat;24Goa Balim;25Bruwa;26Balingga Barat;27Gupura;28Kolawa;29Gelok Beam;30Kuly Lanny;31Lannyna;32Karu;33Yiluk;34Guna;35Kelulome;36Nikogwe;37Muara;38Buguk Gona;39Melagi
9508:01Kenyam;02Mapenduma;03Yigi;04Wosak;05Geselma;06Mugi;07Mbuwa;08Gearek;09Koroptak;10Kegayem;11Paro;12Mebarok;13Yenggelo;14Kilmid;15Alama;16Yal;17Mam;18Dal;19Nirkuri;20Inikgal;21Iniye;22Mbulmu Yalma;23Mbua Tengah;24Embetpen;25Kora;26Wusi;27Pija;28Moba;29Wutpaga;30Nenggeagin;31Krepkuri;32Pasir Putih
9601:01Makbon;02Beraur;03Salawati;04Seget;05Aimas;06Klamono;07Sayosa;08Segun;09Mayamuk;10Salawati Selatan;11Klabot;12Klawak;13Maudus;14Mariat;15Klayili;16Klaso;17Moisegen;18Sorong;19Bagun;20Wemak;21Sunook;22Buk;23Saengkeduk;24Malabotom;25Konhir;26Klasafet;27Hobard;28Salawati Tengah;29Botain;30Sayosa Timur
9602:01Teminabuan;02Inanwatan;03Sawiat;04Kokoda;05Moswaren;06Seremuk;07Wayer;08Kais;09Konda;10Matemani;11Kokoda Utara;12Saifi;13Fokour;14Salkma;15Kais Darat
9603:01Misool (Misool Utara);02Waigeo Utara;03Waigeo Selatan;04Salawati Utara;05Ayau;06Misool Timur;07Waigeo Barat;08Waigeo Timur;09Teluk Mayalibit;10Kofiau;11Meos Mansar;12Misool Selatan;13Warwarbomi;14Waigeo Barat Kepulauan;15Misool Barat;16Kepulauan Sembilan;17Kota Waisai;18Tiplol Mayalibit;19Batanta Utara;20Salawati Barat;21Salawati Tengah;22Supnin;23Kepulauan Ayau;24Batanta Selatan
9604:01Fef;02Miyah;03Yembun;04Kwoor;05Sausapor;06Abun;07Syujak;08Moraid;09Kebar;10Amberbaken;11Senopi;12Mubrani;13Bikar;14Bamusbama;15Ases;16Miyah Selatan;17Ireres;18Tobouw;19Wilhem Roumbouts;20Tinggouw;21Kwesefo;22Mawabuan;23Kebar Timur;24Kebar Selatan;25Manekar;26Mpur;27Amberbaken Barat;28Kasi;29Selemkai
9605:01Aifat;02Aifat Utara;03Aifat Timur;04Aifat Selatan;05Aitinyo Barat;06Aitinyo;07Aitinyo Utara;08Ayamaru;09Ayamaru Utara;10Ayamaru Timur;11Mare;12Aifat Timur Tengah;13Aifat Timur Jauh;14Aifat Timur Selatan;15Ayamaru Selatan;16Ayamaru Jaya;17Ayamaru Selatan Jaya;18Ayamaru Timur Selatan;19Ayamaru Utara Timur;20Ayamaru Tengah;21Ayamaru Barat;22Aitinyo Tengah;23Aitinyo Raya;24Mare Selatan
9671:01Sorong;02Sorong Timur;03Sorong Barat;04Sorong Kepulauan;05Sorong Utara;06Sorong Manoi;07Sorong Kota;08Klaurung;09Malaimsimsa;10Maladum Mes
`;
export const RETIRED_DISTRICTS = `
9101:01Merauke@2016-2022;02Muting@2016-2022;03Okaba@2016-2022;04Kimaam@2016-2022;05Semangga@2016-2022;06Tanah Miring@2016-2022;07Jagebob@2016-2022;08Sota@2016-2022;09Ulilin@2016-2022;10Elikobal@2016-2022;11Kurik@2016-2022;12Naukenjerai@2016-2022;13Animha@2016-2022;14Malind@2016-2022;15Tubang@2016-2022;16Ngguti@2016-2022;17Kaptel@2016-2022;18Tabonji@2016-2022;19Waan@2016-2022;20Ilwayab@2016-2022;21Padua@2022-2022;22Kontuar@2022-2022
9102:01Wamena@2016-2022;03Kurulu@2016-2022;04Asologaima@2016-2022;12Hubikosi@2016-2022;15Bolakme@2016-2022;25Walelagama@2016-2022;27Musatfak@2016-2022;28Wolo@2016-2022;29Asolokobal@2016-2022;34Pelebaga@2016-2022;35Yalengga@2016-2022;40Trikora@2016-2022;41Napua@2016-2022;42Walaik@2016-2022;43Wouma@2016-2022;44Hubikiak@2016-2022;45Ibele@2016-2022;46Taelarek@2016-2022;47Itlay Hisage@2016-2022;48Siepkosi@2016-2022;49Usilimo@2016-2022;50Wita Waya@2016-2022;51Libarek@2016-2022;52Wadangku@2016-2022;53Pisugi@2016-2022;54Koragi@2016-2022;55Tagime@2016-2022;56Molagalome@2016-2022;57Tagineri@2016-2022;58Silo Karno Doga@2016-2022;59Piramid@2016-2022;60Muliama@2016-2022;61Bugi@2016-2022;62Bpiri@2016-2022;63Welesi@2016-2022;64Asotipo@2016-2022;65Maima@2016-2022;66Popugoba@2016-2022;67Wame@2016-2022;68Wesaput@2016-2022
9104:01Nabire@2016-2022;02Napan@2016-2022;03Yaur@2016-2022;06Uwapa@2016-2022;07Wanggar@2016-2022;10Siriwo@2016-2022;11Makimi@2016-2022;12Teluk Umar@2016-2022;16Teluk Kimi@2016-2022;17Yaro@2016-2022;21Wapoga@2016-2022;22Nabire Barat@2016-2022;23Moora@2016-2022;24Dipa@2016-2022;25Menou@2016-2022
9107:01Mulia@2016-2022;03Ilu@2016-2022;06Fawi@2016-2022;07Mewoluk@2016-2022;08Yamo@2016-2022;10Nume@2016-2022;11Torere@2016-2022;12Tingginambut@2016-2022;17Pagaleme@2016-2022;18Gurage@2016-2022;19Irimuli@2016-2022;20Muara@2016-2022;21Ilamburawi@2016-2022;22Yambi@2016-2022;23Lumo@2016-2022;24Molanikime@2016-2022;25Dokome@2016-2022;26Kalome@2016-2022;27Wanwi@2016-2022;28Yamoneri@2016-2022;29Waegi@2016-2022;30Nioga@2016-2022;31Gubume@2016-2022;32Taganombak@2016-2022;33Dagai@2016-2022;34Kiyage@2016-2022
9108:01Paniai Timur@2016-2022;02Paniai Barat@2016-2022;04Aradide@2016-2022;07Bogabaida@2016-2022;09Bibida@2016-2022;12Dumadama@2016-2022;13Siriwo@2016-2022;19Kebo@2016-2022;20Yatamo@2016-2022;21Ekadide@2016-2022;22Wegee Muka@2016-2022;23Wegee Bino@2016-2022;24Pugo Dagi@2016-2022;25Muye@2016-2022;26Nakama@2016-2022;27Teluk Deya@2016-2022;28Yagai@2016-2022;29Youtadi@2016-2022;30Baya Biru@2016-2022;31Deiyai Miyo@2016-2022;32Dogomo@2016-2022;33Aweida@2016-2022;34Topiyai@2016-2022
9109:01Mimika Baru@2016-2022;02Agimuga@2016-2022;03Mimika Timur@2016-2022;04Mimika Barat@2016-2022;05Jita@2016-2022;06Jila@2016-2022;07Mimika Timur Jauh@2016-2022;08Mimika Tengah@2016-2022;09Kuala Kencana@2016-2022;10Tembagapura@2016-2022;11Mimika Barat Jauh@2016-2022;12Mimika Barat Tengah@2016-2022;13Kwamki Narama@2016-2022;14Hoya@2016-2022;15Iwaka@2016-2022;16Wania@2016-2022;17Amar@2016-2022;18Alama@2016-2022
9112:01Oksibil@2016-2022;02Kiwirok@2016-2022;03Okbibab@2016-2022;04Iwur@2016-2022;05Batom@2016-2022;06Borme@2016-2022;07Kiwirok Timur@2016-2022;08Aboy@2016-2022;09Pepera@2016-2022;10Bime@2016-2022;11Alemsom@2016-2022;12Okbape@2016-2022;13Kalomdol@2016-2022;14Oksop@2016-2022;15Serambakon@2016-2022;16Ok Aom@2016-2022;17Kawor@2016-2022;18Awinbon@2016-2022;19Tarup@2016-2022;20Okhika@2016-2022;21Oksamol@2016-2022;22Oklip@2016-2022;23Okbemtau@2016-2022;24Oksebang@2016-2022;25Okbab@2016-2022;26Batani@2016-2022;27Weime@2016-2022;28Murkim@2016-2022;29Mofinop@2016-2022;30Jetfa@2016-2022;31Teiraplu@2016-2022;32Eipumek@2016-2022;33Pamek@2016-2022;34Nongme@2016-2022
9113:01Kurima@2016-2022;02Anggruk@2016-2022;03Ninia@2016-2022;06Silimo@2016-2022;07Samenage@2016-2022;08Nalca@2016-2022;09Dekai@2016-2022;10Obio@2016-2022;11Suru Suru@2016-2022;12Wusama@2016-2022;13Amuma@2016-2022;14Musaik@2016-2022;15Pasema@2016-2022;16Hogio@2016-2022;17Mugi@2016-2022;18Soba@2016-2022;19Werima@2016-2022;20Tangma@2016-2022;21Ukha@2016-2022;22Panggema@2016-2022;23Kosarek@2016-2022;24Nipsan@2016-2022;25Ubahak@2016-2022;26Pronggoli@2016-2022;27Walma@2016-2022;28Yahuliambut@2016-2022;29Hereapini@2016-2022;30Ubalihi@2016-2022;31Talambo@2016-2022;32Puldama@2016-2022;33Endomen@2016-2022;34Kona@2016-2022;35Dirwemna@2016-2022;36Holuon@2016-2022;37Lolat@2016-2022;38Soloikma@2016-2022;39Sela@2016-2022;40Korupun@2016-2022;41Langda@2016-2022;42Bomela@2016-2022;43Suntamon@2016-2022;44Seredela@2016-2022;45Sobaham@2016-2022;46Kabianggama@2016-2022;47Kwelemdua@2016-2022;48Kwikma@2016-2022;49Hilipuk@2016-2022;50Duram@2016-2022;51Yogosem@2016-2022;52Kayo@2016-2022;53Sumo@2016-2022
9114:01Karubaga@2016-2022;02Bokondini@2016-2022;03Kanggime@2016-2022;04Kembu@2016-2022;05Goyage@2016-2022;06Wunim@2016-2022;07Wina@2016-2022;08Umagi@2016-2022;09Panaga@2016-2022;10Woniki@2016-2022;11Kubu@2016-2022;12Konda/ Kondaga@2016-2022;13Nelawi@2016-2022;14Kuari@2016-2022;15Bokoneri@2016-2022;16Bewani@2016-2022;18Nabunage@2016-2022;19Gilubandu@2016-2022;20Nunggawi@2016-2022;21Gundagi@2016-2022;22Numba@2016-2022;23Timori@2016-2022;24Dundu@2016-2022;25Geya@2016-2022;26Egiam@2016-2022;27Poganeri@2016-2022;28Kamboneri@2016-2022;29Airgaram@2016-2022;30Wari/Taiyeve II@2016-2022;31Dow@2016-2022;32Tagineri@2016-2022;33Yuneri@2016-2022;34Wakuwo@2016-2022;35Gika@2016-2022;36Telenggeme@2016-2022;37Anawi@2016-2022;38Wenam@2016-2022;39Wugi@2016-2022;40Danime@2016-2022;41Tagime@2016-2022;42Kai@2016-2022;43Aweku@2016-2022;44Bogonuk@2016-2022;45Li Anogomma@2016-2022;46Biuk@2016-2022;47Yuko@2016-2022
9116:01Mandobo@2016-2022;02Mindiptana@2016-2022;03Waropko@2016-2022;04Kouh@2016-2022;05Jair@2016-2022;06Bomakia@2016-2022;07Kombut@2016-2022;08Iniyandit@2016-2022;09Arimop@2016-2022;10Fofi@2016-2022;11Ambatkwi@2016-2022;12Manggelum@2016-2022;13Firiwage@2016-2022;14Yaniruma@2016-2022;15Subur@2016-2022;16Kombay@2016-2022;17Ninati@2016-2022;18Sesnuk@2016-2022;19Ki@2016-2022;20Kawagit@2016-2022
9117:01Obaa@2016-2022;02Mambioman Bapai@2016-2022;03Citak-Mitak@2016-2022;04Edera@2016-2022;05Haju@2016-2022;06Assue@2016-2022;07Kaibar@2016-2022;08Passue@2016-2022;09Minyamur@2016-2022;10Venaha@2016-2022;11Syahcame@2016-2022;12Yakomi@2016-2022;13Bamgi@2016-2022;14Passue Bawah@2016-2022;15Ti Zain@2016-2022
9118:01Agats@2016-2022;02Atsj@2016-2022;03Sawa Erma@2016-2022;04Akat@2016-2022;05Fayit@2016-2022;06Pantai Kasuari@2016-2022;07Suator@2016-2022;08Suru-suru@2016-2022;09Kolf Braza@2016-2022;10Unir Sirau@2016-2022;11Joerat@2016-2022;12Pulau Tiga@2016-2022;13Jetsy@2016-2022;14Der Koumur@2016-2022;15Kopay@2016-2022;16Safan@2016-2022;17Sirets@2016-2022;18Ayip@2016-2022;19Betcbamu@2016-2022;20Joutu@2022-2022;21Aswi@2022-2022;22Awyu@2022-2022;23Koroway Buluanop@2022-2022
9121:01Kobagma@2016-2022;02Kelila@2016-2022;03Eragayam@2016-2022;04Megambilis@2016-2022;05Ilugwa@2016-2022
9122:01Elelim@2016-2022;02Apalapsili@2016-2022;03Abenaho@2016-2022;04Benawa@2016-2022;05Welarek@2016-2022
9123:01Tiom@2016-2022;02Pirime@2016-2022;03Makki@2016-2022;04Gamelia@2016-2022;05Dimba@2016-2022;06Melagineri@2016-2022;07Balingga@2016-2022;08Tiomneri@2016-2022;09Kuyawage@2016-2022;10Poga@2016-2022;11Niname@2016-2022;12Nogi@2016-2022;13Yiginua@2016-2022;14Tiom Ollo@2016-2022;15Yugungwi@2016-2022;16Mokoni@2016-2022;17Wereka@2016-2022;18Milimbo@2016-2022;19Wiringgambut@2016-2022;20Gollo@2016-2022;21Awina@2016-2022;22Ayumnati@2016-2022;23Wano Barat@2016-2022;24Goa Balim@2016-2022;25Bruwa@2016-2022;26Balingga Barat@2016-2022;27Gupura@2016-2022;28Kolawa@2016-2022;29Gelok Beam@2016-2022;30Kuly Lanny@2016-2022;31Lannyna@2016-2022;32Karu@2016-2022;33Yiluk@2016-2022;34Guna@2016-2022;35Kelulome@2016-2022;36Nikogwe@2016-2022;37Muara@2016-2022;38Buguk Gona@2016-2022;39Melagi@2016-2022
9124:01Kenyam@2016-2022;02Mapenduma@2016-2022;03Yigi@2016-2022;04Wosak@2016-2022;05Geselma@2016-2022;06Mugi@2016-2022;07Mbuwa@2016-2022;08Gearek@2016-2022;09Koroptak@2016-2022;10Kegayem@2016-2022;11Paro@2016-2022;12Mebarok@2016-2022;13Yenggelo@2016-2022;14Kilmid@2016-2022;15Alama@2016-2022;16Yal@2016-2022;17Mam@2016-2022;18Dal@2016-2022;19Nirkuri@2016-2022;20Inikgal@2016-2022;21Iniye@2016-2022;22Mbulmu Yalma@2016-2022;23Mbua Tengah@2016-2022;24Embetpen@2016-2022;25Kora@2016-2022;26Wusi@2016-2022;27Pija@2016-2022;28Moba@2016-2022;29Wutpaga@2016-2022;30Nenggeagin@2016-2022;31Krepkuri@2016-2022;32Pasir Putih@2016-2022
9125:01Ilaga@2016-2022;02Wangbe@2016-2022;03Beoga@2016-2022;04Doufo@2016-2022;05Pogoma@2016-2022;06Sinak@2016-2022;07Agandugume@2016-2022;08Gome@2016-2022;09Dervos@2016-2022;10Beoga Barat@2016-2022;11Beoga Timur@2016-2022;12Ogamanim@2016-2022;13Kembru@2016-2022;14Bina@2016-2022;15Sinak Barat@2016-2022;16Mage'abume@2016-2022;17Yugumuak@2016-2022;18Ilaga Utara@2016-2022;19Mabugi@2016-2022;20Omukia@2016-2022;21Lambewi@2016-2022;22Oneri@2016-2022;23Amungkalpia@2016-2022;24Gome Utara@2016-2022;25Erelmakawia@2016-2022
9126:01Kamu@2016-2022;02Mapia@2016-2022;03Piyaiye@2016-2022;04Kamu Utara@2016-2022;05Sukikai Selatan@2016-2022;06Mapia Barat@2016-2022;07Kamu Selatan@2016-2022;08Kamu Timur@2016-2022;09Mapia Tengah@2016-2022;10Dogiyai@2016-2022
9127:01Sugapa@2016-2022;02Homeyo@2016-2022;03Wandai@2016-2022;04Biandoga@2016-2022;05Agisiga@2016-2022;06Hitadipa@2016-2022;07Ugimba@2016-2022;08Tomosiga@2016-2022
9128:01Tigi@2016-2022;02Tigi Timur@2016-2022;03Bowobado@2016-2022;04Tigi Barat@2016-2022;05Kapiraya@2016-2022
9201:01Makbon@2016-2023;04Beraur@2016-2023;05Salawati@2016-2023;06Seget@2016-2023;07Aimas@2016-2023;08Klamono@2016-2023;10Sayosa@2016-2023;12Segun@2016-2023;13Mayamuk@2016-2023;14Salawati Selatan@2016-2023;17Klabot@2016-2023;18Klawak@2016-2023;20Maudus@2016-2023;39Mariat@2016-2023;40Klayili@2016-2023;41Klaso@2016-2023;42Moisegen@2016-2023;43Sorong@2016-2023;44Bagun@2016-2023;45Wemak@2016-2023;46Sunook@2016-2023;47Buk@2016-2023;48Saengkeduk@2016-2023;49Malabotom@2016-2023;50Konhir@2016-2023;51Klasafet@2016-2023;52Hobard@2016-2023;53Salawati Tengah@2016-2023;54Botain@2016-2023;55Sayosa Timur@2016-2023
9204:01Teminabuan@2016-2023;04Inanwatan@2016-2023;06Sawiat@2016-2023;09Kokoda@2016-2023;10Moswaren@2016-2023;11Seremuk@2016-2023;12Wayer@2016-2023;14Kais@2016-2023;15Konda@2016-2023;20Matemani@2016-2023;21Kokoda Utara@2016-2023;22Saifi@2016-2023;24Fokour@2016-2023;25Salkma@2016-2023;26Kais Darat@2016-2023
9205:01Misool (Misool Utara)@2016-2023;02Waigeo Utara@2016-2023;03Waigeo Selatan@2016-2023;04Salawati Utara@2016-2023;05Kepulauan Ayau@2016-2023;06Misool Timur@2016-2023;07Waigeo Barat@2016-2023;08Waigeo Timur@2016-2023;09Teluk Mayalibit@2016-2023;10Kofiau@2016-2023;11Meos Mansar@2016-2023;13Misool Selatan@2016-2023;14Warwarbomi@2016-2023;15Waigeo Barat Kepulauan@2016-2023;16Misool Barat@2016-2023;17Kepulauan Sembilan@2016-2023;18Kota Waisai@2016-2023;19Tiplol Mayalibit@2016-2023;20Batanta Utara@2016-2023;21Salawati Barat@2016-2023;22Salawati Tengah@2016-2023;23Supnin@2016-2023;24Ayau@2016-2023;25Batanta Selatan@2016-2023
9209:01Fef@2016-2023;02Miyah@2016-2023;03Yembun@2016-2023;04Kwoor@2016-2023;05Sausapor@2016-2023;06Abun@2016-2023;07Syujak@2016-2023;08Moraid@2016-2023;09Kebar@2016-2023;10Amberbaken@2016-2023;11Senopi@2016-2023;12Mubrani@2016-2023;13Bikar@2016-2023;14Bamusbama@2016-2023;15Ases@2016-2023;16Miyah Selatan@2016-2023;17Ireres@2016-2023;18Tobouw@2016-2023;19Wilhem Roumbouts@2016-2023;20Tinggouw@2016-2023;21Kwesefo@2016-2023;22Mawabuan@2016-2023;23Kebar Timur@2016-2023;24Kebar Selatan@2016-2023;25Manekar@2016-2023;26Mpur@2016-2023;27Amberbaken Barat@2016-2023;28Kasi@2016-2023;29Selemkai@2016-2023
9210:01Aifat@2016-2023;02Aifat Utara@2016-2023;03Aifat Timur@2016-2023;04Aifat Selatan@2016-2023;05Aitinyo Barat@2016-2023;06Aitinyo@2016-2023;07Aitinyo Utara@2016-2023;08Ayamaru@2016-2023;09Ayamaru Utara@2016-2023;10Ayamaru Timur@2016-2023;11Mare@2016-2023;12Aifat Timur Tengah@2016-2023;13Aifat Timur Jauh@2016-2023;14Aifat Timur Selatan@2016-2023;15Ayamaru Selatan@2016-2023;16Ayamaru Jaya@2016-2023;17Ayamaru Selatan Jaya@2016-2023;18Ayamaru Timur Selatan@2016-2023;19Ayamaru Utara Timur@2016-2023;20Ayamaru Tengah@2016-2023;21Ayamaru Barat@2016-2023;22Aitinyo Tengah@2016-2023;23Aitinyo Raya@2016-2023;24Mare Selatan@2016-2023
9271:01Sorong@2016-2023;02Sorong Timur@2016-2023;03Sorong Barat@2016-2023;04Sorong Kepulauan@2016-2023;05Sorong Utara@2016-2023;06Sorong Manoi@2016-2023;07Sorong Kota@2016-2023;08Klaurung@2016-2023;09Malaimsimsa@2016-2023;10Maladum Mes@2016-2023
`;
