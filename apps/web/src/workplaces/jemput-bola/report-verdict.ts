/**
 * A partner's report completed in the village, judged on the tablet as deeds judges its submission (framework-free,
 * tested in report-verdict.spec.ts).
 */
import { checkDocuments, missingParticulars, PARTICULAR_RULES, type DocumentKind } from '@adminduk/domain';
import { cleanNik, readNik } from '../../forms/nik';
import type { WaitingReport } from './day';

/** The report's particulars with the values typed in the village (blank ones left as they were). */
function completed(report: WaitingReport, typed: Readonly<Record<string, string>>): Record<string, unknown> {
  const out: Record<string, unknown> = JSON.parse(JSON.stringify(report.particulars)) as Record<string, unknown>;
  for (const [path, raw] of Object.entries(typed)) {
    const value = raw.trim();
    if (value === '') continue;
    const [group, leaf] = path.split('.') as [string, string | undefined];
    if (leaf === undefined) out[group] = value;
    else out[group] = { ...((out[group] as Record<string, unknown> | undefined) ?? {}), [leaf]: value };
  }
  return out;
}

export interface ReportVerdict {
  /** The particulars the report lacks, asked for in the village. */
  readonly asked: readonly string[];
  /** The NIKs typed in that deeds would refuse, with the domain's codes. */
  readonly nikProblems: Readonly<Record<string, readonly string[]>>;
  /** The report's groups with what was typed, whole. */
  readonly particulars: Record<string, unknown>;
  /** What deeds would still miss at submission (a wrong NIK counts as missing). */
  readonly unknown: readonly string[];
  readonly checklist: { readonly complete: boolean; readonly missing: readonly string[] };
  /** Documents and particulars complete: the report may be submitted. */
  readonly complete: boolean;
}

/**
 * A partner's report as the village team completes it, judged as deeds judges a submission: the particulars it must
 * carry (PARTICULAR_RULES[type].toSubmit, a NIK read by parseNik) and the checklist with the documents already on
 * the case and the photos kept.
 */
export function judgeReport(report: WaitingReport, typed: Readonly<Record<string, string>>, photographed: readonly DocumentKind[], asOf: string): ReportVerdict {
  const required = PARTICULAR_RULES[report.deedType].toSubmit;
  const asked = missingParticulars(report.particulars, required);
  const nikProblems = Object.fromEntries(
    asked
      .filter((path) => path.endsWith('.nik') && cleanNik(typed[path] ?? '') !== '')
      .flatMap((path) => {
        const reading = readNik(typed[path] ?? '', asOf);
        return reading.ok ? [] : [[path, reading.codes] as const];
      }),
  ) as Record<string, readonly string[]>;
  const particulars = completed(report, Object.fromEntries(Object.entries(typed).map(([path, v]) => [path, path.endsWith('.nik') ? cleanNik(v) : v])));
  const unknown = [...missingParticulars(particulars, required), ...Object.keys(nikProblems)];
  const check = checkDocuments(report.deedType, [...(report.provided as DocumentKind[]), ...photographed], { parentsMarried: report.parentsMarried });
  const checklist = check.ok ? { complete: check.value.complete, missing: check.value.missing.map((m) => m.requirement) } : { complete: false, missing: [] };
  return { asked, nikProblems, particulars, unknown, checklist, complete: checklist.complete && unknown.length === 0 };
}

