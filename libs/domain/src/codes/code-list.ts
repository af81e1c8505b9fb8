/** A code list as printed on the family card: a stable code, the official Indonesian label, an English name. */
export interface CodeEntry<Code extends string | number> {
  readonly code: Code;
  /** The official Indonesian label, as printed on the KK or in SIAK. */
  readonly label: string;
  /** An English name for documentation and non-Indonesian readers. */
  readonly name: string;
}

export type CodeOf<List extends readonly CodeEntry<string | number>[]> = List[number]['code'];

/** The entry with this code, or undefined. */
export function findCode<List extends readonly CodeEntry<string | number>[]>(
  list: List,
  code: unknown,
): List[number] | undefined {
  return list.find((entry) => entry.code === code);
}

/** The entry whose Indonesian label matches, ignoring case and surrounding spaces, or undefined. */
export function findCodeByLabel<List extends readonly CodeEntry<string | number>[]>(
  list: List,
  label: string,
): List[number] | undefined {
  if (typeof label !== 'string') return undefined;
  const wanted = label.trim().toLowerCase();
  return list.find((entry) => entry.label.toLowerCase() === wanted);
}
