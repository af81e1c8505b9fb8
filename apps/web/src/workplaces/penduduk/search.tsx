/**
 * Cari penduduk: by NIK (checked as it is typed with the domain's parseNik, its failures in Indonesian) or by name
 * with the birth date or the desa/kelurahan (identity refuses a bare name: SEARCH_TOO_BROAD, explained before the
 * search is sent). The search lives in the address, so Back from a resident returns to the same results.
 */
import { findRegion, listDistricts, parseNik } from '@adminduk/domain';
import { useMemo, useState } from 'preact/hooks';
import { formatDate } from '../../i18n/format';
import { currentLanguage, errorMessage } from '../../i18n/i18n';
import { useServices } from '../../shell/context';
import { villagesOf } from '../../region/villages';
import { LoadingLine, LoadProblem, TableWrap, useLoad } from './common';
import { follow, goTo, placeHref, useScreenTitle, type SearchQuery } from './place';
import { officeToday } from './rules';
import { nikText, w } from './words';

const REGENCY = '5316';

export function districtName(code: string): string {
  return findRegion(code)?.name ?? code;
}

export function villageName(districtCode: string, villageCode: string): string {
  return villagesOf(districtCode).find((v) => v.code === villageCode)?.name ?? villageCode;
}

/** The NIK's problems as the person types: nothing while it is still short digits; every code once it can be judged. */
function nikProblems(value: string, asOf: string, submitted: boolean): { codes: string[]; summary?: string } {
  const nik = value.trim();
  if (nik === '') return { codes: submitted ? ['NIK_FORMAT'] : [] };
  if (/^\d{0,15}$/.test(nik) && !submitted) return { codes: [] };
  const parsed = parseNik(nik, { asOf });
  if (!parsed.ok) return { codes: parsed.errors.map((e) => e.code) };
  const v = parsed.value;
  return { codes: [], summary: w('search.nikValid', { date: formatDate(v.birthDate, currentLanguage()), sex: w(`sex.${v.sex}`), district: districtName(v.districtCode) }) };
}

function SearchForm({ query, regions }: { readonly query?: SearchQuery; readonly regions: readonly string[] }) {
  const asOf = officeToday();
  const ownDistrict = regions.length === 1 && /^\d{6}$/.test(regions[0] ?? '') ? regions[0] : undefined;
  const [mode, setMode] = useState<'nik' | 'nama'>(query?.mode ?? 'nik');
  const [nik, setNik] = useState(query?.nik ?? '');
  const [name, setName] = useState(query?.name ?? '');
  const [district, setDistrict] = useState(query?.district ?? ownDistrict ?? '');
  const [village, setVillage] = useState(query?.village ?? '');
  const [birthDate, setBirthDate] = useState(query?.birthDate ?? '');
  const [submitted, setSubmitted] = useState(false);
  const title = useScreenTitle();
  const districts = useMemo(() => listDistricts(REGENCY).filter((d) => !ownDistrict || d.code === ownDistrict), [ownDistrict]);
  const nikCheck = nikProblems(nik, asOf, submitted);
  const nameShort = name.trim().length < 2;
  const tooBroad = !birthDate && !village;

  const submit = (event: Event) => {
    event.preventDefault();
    setSubmitted(true);
    if (mode === 'nik') {
      if (!parseNik(nik.trim(), { asOf }).ok) return;
      goTo({ screen: 'search', query: { mode: 'nik', nik: nik.trim() } });
    } else {
      if (nameShort || tooBroad) return;
      goTo({ screen: 'search', query: { mode: 'nama', name: name.trim(), ...(district ? { district } : {}), ...(village ? { village } : {}), ...(birthDate ? { birthDate } : {}) } });
    }
  };

  return (
    <form class="pk-search" onSubmit={submit} noValidate aria-labelledby="pk-search-title">
      <h3 id="pk-search-title" tabIndex={-1} ref={query ? undefined : title}>{w('search.title')}</h3>
      <fieldset class="pk-modes">
        <legend>{w('search.mode')}</legend>
        {(['nik', 'nama'] as const).map((m) => (
          <label key={m} class="pk-mode">
            <input type="radio" name="pk-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
            {w(m === 'nik' ? 'search.byNik' : 'search.byName')}
          </label>
        ))}
      </fieldset>
      {/* Keyed: the two sets of fields never share an element (the NIK's maxLength must not stay on the name). */}
      {mode === 'nik' ? (
        <div class="pk-fields" key="nik">
          <div class="pk-field pk-field-wide">
            <label for="pk-nik">{w('search.nik')}</label>
            <input
              id="pk-nik"
              name="nik"
              inputMode="numeric"
              autoComplete="off"
              maxLength={20}
              value={nik}
              aria-describedby="pk-nik-hint pk-nik-check"
              aria-invalid={nikCheck.codes.length > 0}
              onInput={(e) => setNik((e.currentTarget as HTMLInputElement).value)}
            />
            <p id="pk-nik-hint" class="hint">
              {w('search.nikHint')}
            </p>
            <div id="pk-nik-check" aria-live="polite">
              {nikCheck.codes.length > 0 ? (
                <ul class="pk-field-errors">
                  {nikCheck.codes.map((c) => (
                    <li key={c} data-code={c}>
                      {errorMessage(c)}
                    </li>
                  ))}
                </ul>
              ) : nikCheck.summary ? (
                <p class="pk-ok-line">{nikCheck.summary}</p>
              ) : null}
            </div>
          </div>
        </div>
      ) : (
        <div class="pk-fields" key="nama">
          <div class="pk-field pk-field-wide">
            <label for="pk-name">{w('search.name')}</label>
            <input
              id="pk-name"
              name="name"
              autoComplete="off"
              value={name}
              aria-describedby="pk-name-hint pk-name-check"
              aria-invalid={submitted && nameShort}
              onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)}
            />
            <p id="pk-name-hint" class="hint">
              {w('search.nameHint')}
            </p>
          </div>
          <div class="pk-field">
            <label for="pk-district">{w('search.district')}</label>
            <select
              id="pk-district"
              value={district}
              onChange={(e) => {
                setDistrict((e.currentTarget as HTMLSelectElement).value);
                setVillage('');
              }}
            >
              {!ownDistrict && <option value="">{w('search.anyDistrict')}</option>}
              {districts.map((d) => (
                <option key={d.code} value={d.code}>
                  {d.name}
                </option>
              ))}
            </select>
          </div>
          <div class="pk-field">
            <label for="pk-village">{w('search.village')}</label>
            <select id="pk-village" value={village} disabled={!district} onChange={(e) => setVillage((e.currentTarget as HTMLSelectElement).value)}>
              <option value="">{w('search.anyVillage')}</option>
              {villagesOf(district).map((v) => (
                <option key={v.code} value={v.code}>
                  {v.name}
                </option>
              ))}
            </select>
          </div>
          <div class="pk-field">
            <label for="pk-birth">{w('search.birthDate')}</label>
            <input id="pk-birth" type="date" max={asOf} value={birthDate} onInput={(e) => setBirthDate((e.currentTarget as HTMLInputElement).value)} />
          </div>
          <div id="pk-name-check" class="pk-field-wide" aria-live="polite">
            {submitted && (nameShort || tooBroad) && (
              <ul class="pk-field-errors">
                {nameShort && <li>{w('search.nameTooShort')}</li>}
                {tooBroad && <li data-code="SEARCH_TOO_BROAD">{errorMessage('SEARCH_TOO_BROAD')}</li>}
              </ul>
            )}
          </div>
        </div>
      )}
      <button type="submit" class="button primary">
        {w('search.submit')}
      </button>
    </form>
  );
}

function Results({ query }: { readonly query: SearchQuery }) {
  const { api } = useServices();
  const lang = currentLanguage();
  const params =
    query.mode === 'nik'
      ? { nik: query.nik ?? '' }
      : { name: query.name ?? '', ...(query.village ? { villageCode: query.village } : {}), ...(query.birthDate ? { birthDate: query.birthDate } : {}), limit: 50 };
  const [loaded, reload] = useLoad(() => api.identity.GET('/residents', { params: { query: params } }), [JSON.stringify(params)]);
  const title = useScreenTitle();
  if (loaded.state === 'loading') return <LoadingLine />;
  if (loaded.state === 'failed') return <LoadProblem code={loaded.code} retry={reload} />;
  const rows = query.mode === 'nama' && query.district && !query.village ? loaded.value.items.filter((r) => r.districtCode === query.district) : loaded.value.items;
  return (
    <section class="pk-results" aria-labelledby="pk-results-title">
      <h3 id="pk-results-title" tabIndex={-1} ref={title}>{w('search.results')}</h3>
      <p role="status">{rows.length === 0 ? w('search.none') : w('search.count', { count: rows.length })}</p>
      {loaded.value.next && <p class="hint">{w('search.more')}</p>}
      {rows.length > 0 && (
        <TableWrap label={w('search.caption')}>
          <table class="pk-table">
            <caption class="visually-hidden">{w('search.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{w('search.colName')}</th>
                <th scope="col">{w('search.colNik')}</th>
                <th scope="col">{w('search.colBirth')}</th>
                <th scope="col">{w('search.colSex')}</th>
                <th scope="col">{w('search.colVillage')}</th>
                <th scope="col">{w('search.colStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-resident={r.id}>
                  <th scope="row">
                    <a href={placeHref({ screen: 'resident', id: r.id })} onClick={follow({ screen: 'resident', id: r.id })} aria-label={w('search.open', { name: r.fullName })}>
                      {r.fullName}
                    </a>
                  </th>
                  <td class="nowrap">{nikText(r.nik)}</td>
                  <td>
                    {r.birthPlace}, {formatDate(r.birthDate, lang)}
                  </td>
                  <td>
                    <abbr title={w(`sex.${r.sex}`)}>{w(`sexShort.${r.sex}`)}</abbr>
                  </td>
                  <td>
                    {villageName(r.districtCode, r.villageCode)}, {districtName(r.districtCode)}
                  </td>
                  <td>{w(`status.${r.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

export function Search({ query, regions }: { readonly query?: SearchQuery; readonly regions: readonly string[] }) {
  return (
    <>
      <p class="lead">{w('lead')}</p>
      <SearchForm query={query} regions={regions} key={JSON.stringify(query ?? {})} />
      {query && <Results query={query} />}
    </>
  );
}
