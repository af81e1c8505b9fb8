/**
 * The register file the identity service imports (apps/identity/src/import/README.md): CSV (RFC 4180, CRLF, a
 * header naming the columns) or NDJSON (one JSON object per line), one row per resident, the rows of a card
 * together and in card order. The document columns `ektp_state`, `kia_state`, `birth_deed` and `ektp_recorded_on` (the
 * recording day of a recorded e-KTP, recording-dates.ts), with `registered_on` (the day the resident entered the
 * older register, register-dates.ts), follow the
 * import's optional columns; `documents: false` leaves them out for an import that does not know them.
 */
import type { Writable } from 'node:stream';
import { generateRegister, type SynthCard, type SynthOptions, type SynthResident } from './population';

export const REGISTER_COLUMNS = [
  'nik',
  'kk_number',
  'shdk',
  'full_name',
  'birth_place',
  'birth_date',
  'sex',
  'religion',
  'marital_status',
  'education',
  'blood_type',
  'occupation',
  'mother_name',
  'father_name',
  'district_code',
  'village_code',
  'address',
] as const;
export const DOCUMENT_COLUMNS = ['ektp_state', 'kia_state', 'birth_deed', 'ektp_recorded_on', 'registered_on'] as const;

export type RegisterFormat = 'csv' | 'ndjson';

export interface WriteOptions extends SynthOptions {
  readonly format: RegisterFormat;
  /** Write ektp_state, kia_state, birth_deed, ektp_recorded_on and registered_on (default true). */
  readonly documents?: boolean;
  /** Called every `progressEvery` rows and at the end. */
  readonly onProgress?: (progress: WriteProgress) => void;
  readonly progressEvery?: number;
}

export interface WriteProgress {
  readonly rows: number;
  readonly cards: number;
  readonly men: number;
  readonly women: number;
  readonly done: boolean;
}

function values(r: SynthResident, documents: boolean): string[] {
  const base = [
    r.nik,
    r.kkNumber,
    String(r.shdk),
    r.fullName,
    r.birthPlace,
    r.birthDate,
    r.sex,
    r.religion,
    r.maritalStatus,
    String(r.education),
    String(r.bloodType),
    r.occupation,
    r.motherName,
    r.fatherName,
    r.districtCode,
    r.villageCode,
    r.address,
  ];
  if (documents) base.push(r.ektpState, r.kiaState, r.birthDeed ? 'Y' : 'N', r.ektpRecordedOn, r.registeredOn);
  return base;
}

const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break; quotes doubled. */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function header(format: RegisterFormat, documents = true): string {
  if (format === 'ndjson') return '';
  return [...REGISTER_COLUMNS, ...(documents ? DOCUMENT_COLUMNS : [])].join(',') + '\r\n';
}

/** The lines of one card in the chosen format. */
export function formatCard(card: SynthCard, format: RegisterFormat, documents = true): string {
  const columns = [...REGISTER_COLUMNS, ...(documents ? DOCUMENT_COLUMNS : [])];
  let out = '';
  for (const r of card.members) {
    const v = values(r, documents);
    if (format === 'csv') out += v.map(csvField).join(',') + '\r\n';
    else {
      const object: Record<string, string> = {};
      columns.forEach((c, i) => {
        const value = v[i] as string;
        if (value !== '') object[c] = value; // an empty optional field is left out (the import reads it as empty)
      });
      out += JSON.stringify(object) + '\n';
    }
  }
  return out;
}

/** The register as text chunks of about `chunkSize` characters (whole cards). */
export function* registerChunks(options: WriteOptions, chunkSize = 1 << 16): Generator<string, WriteProgress> {
  const documents = options.documents ?? true;
  const every = options.progressEvery ?? 50_000;
  let chunk = header(options.format, documents);
  let rows = 0;
  let cards = 0;
  let men = 0;
  let women = 0;
  let nextProgress = every;
  for (const card of generateRegister(options)) {
    chunk += formatCard(card, options.format, documents);
    cards++;
    rows += card.members.length;
    for (const m of card.members) if (m.sex === 'M') men++;
    else women++;
    if (rows >= nextProgress) {
      nextProgress += every;
      options.onProgress?.({ rows, cards, men, women, done: false });
    }
    if (chunk.length >= chunkSize) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
  const progress = { rows, cards, men, women, done: true };
  options.onProgress?.(progress);
  return progress;
}

/**
 * Writes the register to a stream, waiting for 'drain' whenever the stream's buffer is full (backpressure: the
 * generator runs only as fast as the stream takes the text, so memory stays flat). Does not end the stream.
 */
export async function writeRegister(options: WriteOptions, stream: Writable): Promise<WriteProgress> {
  const chunks = registerChunks(options);
  // An error of the stream (a full disk, a closed pipe) stops the generator at the next chunk.
  let failure: Error | undefined;
  const onError = (error: Error) => {
    failure ??= error;
  };
  stream.on('error', onError);
  try {
    for (;;) {
      if (failure) throw failure;
      const next = chunks.next();
      if (next.done) return next.value;
      if (!stream.write(next.value)) {
        await new Promise<void>((resolve) => {
          const settle = () => {
            stream.off('drain', settle);
            stream.off('error', settle);
            stream.off('close', settle);
            resolve();
          };
          stream.once('drain', settle);
          stream.once('error', settle);
          stream.once('close', settle);
        });
      }
    }
  } finally {
    stream.off('error', onError);
  }
}
