// The corpus of tricky NIKs (test/nik-corpus.json): every case must get exactly the expected answer.
import { parseNik } from '../src/index';
import corpus from './nik-corpus.json';

interface CorpusCase {
  nik: string;
  asOf?: string;
  valid: boolean;
  errors?: string[];
  warnings?: string[];
  birthDate?: string;
  sex?: 'M' | 'F';
  historical?: boolean;
  note: string;
}

describe('NIK corpus (PP 37/2007 art. 37)', () => {
  it.each((corpus.cases as CorpusCase[]).map((c) => [c.note, c] as const))('%s', (_note, c) => {
    const result = parseNik(c.nik, { asOf: c.asOf ?? corpus.defaultAsOf });
    expect(result.ok).toBe(c.valid);
    if (result.ok) {
      expect(result.value.birthDate).toBe(c.birthDate);
      expect(result.value.sex).toBe(c.sex);
      expect(result.value.historical).toBe(c.historical ?? false);
      expect(result.value.nik).toBe(c.nik.trim());
      expect(result.warnings.map((w) => w.code)).toEqual(c.warnings ?? []);
    } else {
      expect(result.errors.map((e) => e.code)).toEqual(c.errors);
    }
  });
});
