/** Display and masking shared by NIK and No. KK, which have the same 6 + 6 + 4 digit layout. Internal. */

export const SIXTEEN_DIGITS = /^\d{16}$/;

/** '53.16.01.410390.0001', or undefined when the input is not 16 digits. */
export function dotSixteen(input: unknown): string | undefined {
  const s = typeof input === 'string' ? input.trim() : '';
  if (!SIXTEEN_DIGITS.test(s)) return undefined;
  return `${s.slice(0, 2)}.${s.slice(2, 4)}.${s.slice(4, 6)}.${s.slice(6, 12)}.${s.slice(12)}`;
}

/** Region and serial kept, the middle six digits hidden; anything else masked whole. */
export function maskSixteen(input: unknown): string {
  const s = typeof input === 'string' ? input.trim() : '';
  if (!SIXTEEN_DIGITS.test(s)) return '*'.repeat(Math.min(Math.max(s.length, 1), 32));
  return s.slice(0, 6) + '******' + s.slice(12);
}
