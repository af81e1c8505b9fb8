/**
 * Kartu Keluarga: No. KK, address, the members as printed with their SHDK, the history of versions (what changed,
 * when, by whom), and the way to the changes (Pecah KK, Ganti Kepala Keluarga).
 */
import { useState } from 'preact/hooks';
import type { IdentityComponents } from '@adminduk/clients';
import { formatDate, formatDateTime } from '../../i18n/format';
import { currentLanguage, i18n } from '../../i18n/i18n';
import { useServices } from '../../shell/context';
import { CardChange } from './change';
import { Facts, LoadingLine, LoadProblem, Panel, TableWrap, useLoad } from './common';
import { CARD_CHANGES, follow, goTo, placeHref, useScreenTitle, type CardChangeKind } from './place';
import type { CardView } from './rules';
import { districtName, villageName } from './search';
import { kkText, maritalLabel, nikText, religionLabel, shdkLabel, w } from './words';

type VersionView = IdentityComponents['schemas']['FamilyCardVersionView'];

const CHANGE_WORDS: Readonly<Record<CardChangeKind, string>> = { pecah: 'split', kepala: 'changeHead', keluar: 'moveOut', masuk: 'moveIn' };

export function MembersTable({ card, caption }: { readonly card: CardView; readonly caption: string }) {
  const lang = currentLanguage();
  return (
    <TableWrap label={caption}>
      <table class="pk-table pk-members">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{w('card.colNo')}</th>
            <th scope="col">{w('card.colName')}</th>
            <th scope="col">{w('card.colNik')}</th>
            <th scope="col">{w('card.colShdk')}</th>
            <th scope="col">{w('card.colSex')}</th>
            <th scope="col">{w('card.colBirth')}</th>
            <th scope="col">{w('card.colMarital')}</th>
            <th scope="col">{w('card.colReligion')}</th>
          </tr>
        </thead>
        <tbody>
          {card.members.map((m, i) => (
            <tr key={m.residentId} data-member={m.residentId}>
              <td>{i + 1}</td>
              <th scope="row">
                <a href={placeHref({ screen: 'resident', id: m.residentId })} onClick={follow({ screen: 'resident', id: m.residentId })}>
                  {m.fullName}
                </a>
              </th>
              <td class="nowrap">{nikText(m.nik)}</td>
              <td data-shdk={m.relationship}>{shdkLabel(m.relationship)}</td>
              <td>
                <abbr title={w(`sex.${m.sex}`)}>{w(`sexShort.${m.sex}`)}</abbr>
              </td>
              <td class="nowrap">{formatDate(m.birthDate, lang)}</td>
              <td>{maritalLabel(m.maritalStatus)}</td>
              <td>{religionLabel(m.religion)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function History({ card }: { readonly card: CardView }) {
  const { api } = useServices();
  const lang = currentLanguage();
  const [loaded, reload] = useLoad(() => api.identity.GET('/family-cards/{id}/versions', { params: { path: { id: card.id } } }), [card.id, card.version]);
  if (loaded.state === 'loading') return <LoadingLine />;
  if (loaded.state === 'failed') return <LoadProblem code={loaded.code} retry={reload} />;
  // A fact this build has no word for (a newer service) is left out rather than shown as a key.
  const facts = (v: VersionView) =>
    [...new Set(v.facts.map((f) => (typeof f.type === 'string' && i18n.exists(`penduduk.card.facts.${f.type}`) ? w(`card.facts.${f.type}`) : '')).filter((s) => s !== ''))].join(', ');
  return (
    <TableWrap label={w('card.historyCaption')}>
      <table class="pk-table compact">
        <caption class="visually-hidden">{w('card.historyCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{w('card.colVersion')}</th>
            <th scope="col">{w('card.colOperation')}</th>
            <th scope="col">{w('card.kk')}</th>
            <th scope="col">{w('card.colMembers')}</th>
            <th scope="col">{w('card.colFacts')}</th>
            <th scope="col">{w('card.colWhen')}</th>
          </tr>
        </thead>
        <tbody>
          {loaded.value.items.map((v) => (
            <tr key={v.version} data-version={v.version}>
              <td>{v.version}</td>
              <th scope="row">{w(`card.op.${v.operation}`)}</th>
              <td class="nowrap">{kkText(v.kkNumber)}</td>
              <td>{w('card.membersCount', { count: v.members.length })}</td>
              <td>{facts(v)}</td>
              <td>{formatDateTime(v.recordedAt, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

interface News {
  readonly message: string;
  readonly newCardId?: string;
  readonly newKk?: string;
}

export function FamilyCardScreen({ id, change }: { readonly id: string; readonly change?: CardChangeKind }) {
  const { api } = useServices();
  const [loaded, reload] = useLoad(() => api.identity.GET('/family-cards/{id}', { params: { path: { id } } }), [id]);
  const [news, setNews] = useState<News>();
  const title = useScreenTitle();
  const done = (message: string, newCardId?: string, newKk?: string) => {
    setNews({ message, ...(newCardId ? { newCardId } : {}), ...(newKk ? { newKk } : {}) });
    goTo({ screen: 'card', id }, true);
    reload();
  };
  if (loaded.state === 'loading') return <LoadingLine />;
  if (loaded.state === 'failed') return <LoadProblem code={loaded.code} retry={reload} />;
  const card = loaded.value;
  const kk = kkText(card.kkNumber);
  const active = card.status === 'ACTIVE';
  return (
    <article class="pk-card" aria-labelledby="pk-card-title">
      <h3 id="pk-card-title" tabIndex={-1} ref={title}>
        {w('card.title')} <span class="pk-sub nowrap">{kk}</span>
      </h3>
      <div aria-live="polite">
        {news && (
          <div class="notice pk-ok" data-news="change">
            <p>{news.message}</p>
            {news.newCardId && (
              <p>
                <a href={placeHref({ screen: 'card', id: news.newCardId })} onClick={follow({ screen: 'card', id: news.newCardId })}>
                  {w('op.openNew', { kk: news.newKk ?? '' })}
                </a>
              </p>
            )}
          </div>
        )}
      </div>
      <Panel title={w('card.details')} id="pk-card-facts-title" class="pk-card-facts">
        <Facts
          items={[
            [w('card.kk'), <span class="nowrap" data-kk={card.kkNumber}>{kk}</span>],
            [w('card.address'), card.address],
            [w('card.region'), `${villageName(card.districtCode, card.villageCode)}, ${districtName(card.districtCode)}`],
            [w('card.status'), w(`card.statuses.${card.status}`)],
            [w('card.version'), String(card.version)],
          ]}
        />
      </Panel>
      <h4 class="pk-section-title">{w('card.members')}</h4>
      <MembersTable card={card} caption={w('card.caption', { kk })} />
      {active ? (
        change ? (
          <CardChange card={card} change={change} reload={reload} done={done} key={change} />
        ) : (
          <nav class="pk-operations" aria-label={w('card.operations')}>
            <h4>{w('card.operations')}</h4>
            <ul>
              {CARD_CHANGES.map((c) => (
                <li key={c}>
                  <a class="button secondary" href={placeHref({ screen: 'card', id, change: c })} onClick={follow({ screen: 'card', id, change: c })}>
                    {w(`card.${CHANGE_WORDS[c]}`)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )
      ) : (
        <p class="notice">{w('card.closedNote')}</p>
      )}
      <h4 class="pk-section-title">{w('card.history')}</h4>
      <History card={card} />
    </article>
  );
}
