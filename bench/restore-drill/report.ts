/**
 * The drill's markdown: the machine, what was done, the figures measured, and the tables source against restored;
 * and its place in docs/benchmarks.md (the section "## Backup and restore drill", replaced on every run).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { DrillResult } from './restore-drill';

export const SECTION_TITLE = '## Backup and restore drill';

/**
 * What the drill prints of a service's answer: NIK-like numbers masked as the services mask them (531601******0001)
 * and the run's (synthetic) names left out, so that no personal data reaches the output (DESIGN.md rule 8).
 */
export function masked(text: string): string {
  return text.replace(/\b(\d{6})\d{6}(\d{4})\b/g, '$1******$2').replace(/\b(?:[A-Z][a-z]+ )+Uji \d+\b/g, '[name]');
}


/** Tables shown one by one (the rest are summed up in one row; every table is compared). */
const SHOWN: Readonly<Record<string, readonly string[]>> = {
  identity: ['resident', 'family_card', 'family_card_membership', 'family_card_version', 'deed_event_application', 'kia_action', 'inbox_message', 'outbox_event', 'audit_entry'],
  deeds: ['deed_record', 'deed_notification', 'deed_action', 'deed_document', 'inbox_message', 'outbox_event', 'audit_entry'],
  reporting: ['reporting_resident', 'reporting_deed', 'inbox_message'],
};

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const seconds = (ms: number | undefined) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} s`);
const mib = (bytes: number | undefined) => (bytes === undefined ? '—' : `${(bytes / 2 ** 20).toFixed(1)} MiB`);
const count = (n: number) => (n < 0 ? 'missing' : n.toLocaleString('en-US'));
const num = (n: number | undefined) => (n === undefined ? '—' : n.toLocaleString('en-US'));
const yesNo = (b: boolean) => (b ? 'yes' : '**no**');

export function renderDrill(result: DrillResult, command: string): string {
  const f = result.figures;
  const m = result.machine;
  const births = f.births;
  const lines = [
    SECTION_TITLE,
    '',
    m
      ? `Run with \`${command}\` on ${m.date}: ${m.cores}, ${m.memory} memory, Node ${m.node}, PostgreSQL ${m.postgres} (a private cluster, WAL archived by \`archive_command\`), ${m.nats} (a private server). The real services (${result.services.join(', ')}) ran as processes from their sources, each on its own database. Load average (1 min) at the start ${result.load.start.toFixed(2)}, at the end ${result.load.end.toFixed(2)}${result.load.start > 4 || result.load.end > 4 ? ': other work shared the two cores, and the times are longer for it' : ''}.`
      : `Run with \`${command}\`; the drill stopped before the machine was described.`,
    '',
    births
      ? `Births (${result.concurrency} at a time): ${births.beforeBackup} while \`pg_basebackup\` ran (started at half of them), ${births.beforeTarget} after it, then the figures and a named restore point with the load paused, then ${births.afterTarget} after the restore point (which must not come back), \`pg_switch_wal()\`, and the source deleted. The restored cluster is the base backup plus the archive replayed to the restore point and promoted; the services then started on it with fresh streams filled again from their outboxes, and one new birth went through.`
      : '',
    '',
    '| measure | value |',
    '| --- | --- |',
    `| base backup (\`pg_basebackup -X stream --checkpoint=fast\`, whole cluster, under load) | ${mib(f.baseBackupBytes)} in ${seconds(f.baseBackupMs)} |`,
    `| WAL segments in the archive once it held the restore point (16 MiB each; archiving on since before the import) | ${num(f.walSegmentsArchived)} (${mib(f.walArchiveBytes)}) |`,
    `| base backup copied into a new data directory | ${seconds(f.copyMs)} |`,
    `| restore: start until promoted (archive replayed to the restore point) | ${seconds(f.recoveryMs)}${f.timeline ? ` (now on timeline ${f.timeline})` : ''} |`,
    `| services started on the restored cluster until all answered /health/ready (each compiles its sources first) | ${seconds(f.servicesReadyMs)} |`,
    `| events relayed again from the restored outboxes onto fresh streams | ${num(f.republished)} events; ${num(f.redeliveries)} messages handed to the consumers (each takes only its subjects), all acknowledged ${seconds(f.republishedSettledMs)} after the services were ready; rows changed by them: ${result.checks.redeliveryChangedNothing ? 'none' : 'see the checks'} |`,
    `| a new birth on the restored system: report until the child is in identity | ${seconds(f.newBirthMs)} |`,
    '',
    '| database | table | rows at the restore point (source) | rows restored | checksums equal |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const service of result.services) {
    const rows = result.comparison.filter((c) => c.service === service);
    const shown = SHOWN[service] ?? [];
    for (const name of shown) {
      const c = rows.find((r) => r.table === name);
      if (c) lines.push(`| ${service} | ${name} | ${count(c.sourceRows)} | ${count(c.restoredRows)} | ${yesNo(c.checksumsEqual)} |`);
    }
    const rest = rows.filter((r) => !shown.includes(r.table));
    if (rest.length > 0) {
      const sum = (pick: (r: (typeof rest)[number]) => number) => rest.reduce((s, r) => s + Math.max(0, pick(r)), 0);
      lines.push(`| ${service} | the other ${rest.length} tables | ${count(sum((r) => r.sourceRows))} | ${count(sum((r) => r.restoredRows))} | ${yesNo(rest.every((r) => r.checksumsEqual))} |`);
    }
  }
  const c = result.checks;
  lines.push(
    '',
    `Checks: row counts equal ${yesNo(c.countsEqual)}; checksums of every table equal ${yesNo(c.checksumsEqual)}; births after the restore point absent ${yesNo(c.postTargetAbsent)}; services ready ${yesNo(c.servicesReady)}; redelivered events changed nothing ${yesNo(c.redeliveryChangedNothing)}; a new birth works end to end ${yesNo(c.newBirthWorks)}.`,
    '',
    result.passed ? 'The drill passed.' : `The drill **FAILED**: ${cell(result.problems.join('; '))}`,
    '',
  );
  return lines.filter((line, i, all) => !(line === '' && all[i - 1] === '')).join('\n');
}

/** Puts `section` into `file` in place of its "## Backup and restore drill" section (or at the end). */
export function writeSection(file: string, section: string): void {
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(`\n${SECTION_TITLE}\n`);
  const body = section.endsWith('\n') ? section : `${section}\n`;
  if (start < 0) {
    writeFileSync(file, `${text.replace(/\n*$/, '\n')}\n${body}`);
    return;
  }
  const next = text.indexOf('\n## ', start + SECTION_TITLE.length + 1);
  const before = text.slice(0, start + 1);
  const after = next < 0 ? '' : `\n${text.slice(next + 1)}`;
  writeFileSync(file, `${before}${body}${after}`);
}
