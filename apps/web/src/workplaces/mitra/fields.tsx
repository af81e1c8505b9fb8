/**
 * The form's building blocks: a labelled field with its hint and its error linked by aria-describedby, and a radio
 * group as a fieldset with its legend. Errors are the services' codes, shown with their Indonesian message.
 */
import type { ComponentChildren } from 'preact';
import { errorMessage } from '../../i18n/i18n';

/** The id of a field's control (the first radio of a group): the focus goes there when it holds the first error. */
export const controlId = (field: string) => `mitra-${field}`;
const hintId = (field: string) => `mitra-${field}-hint`;
const errorId = (field: string) => `mitra-${field}-error`;
const afterId = (field: string) => `mitra-${field}-after`;

/** aria-describedby and aria-invalid for a field's control. */
export function describedBy(field: string, hasHint: boolean, codes: readonly string[], hasAfter = false) {
  const ids = [hasHint ? hintId(field) : '', hasAfter ? afterId(field) : '', errorId(field)].filter((s) => s !== '').join(' ');
  return { 'aria-describedby': ids, 'aria-invalid': codes.length > 0 ? ('true' as const) : undefined };
}

function Problems({ field, codes, live }: { readonly field: string; readonly codes: readonly string[]; readonly live?: boolean }) {
  // Always in the page (empty when all is well), so that a live region announces what appears in it.
  return (
    <div id={errorId(field)} class="field-error" aria-live={live ? 'polite' : undefined}>
      {codes.map((code) => (
        <p key={code} data-code={code}>
          <span aria-hidden="true">⚠ </span>
          {errorMessage(code)}
        </p>
      ))}
    </div>
  );
}

export function Field(props: {
  readonly field: string;
  readonly label: string;
  readonly optional?: string;
  readonly hint?: ComponentChildren;
  readonly codes: readonly string[];
  /** Announce errors as they appear (the NIK, checked while typing). */
  readonly live?: boolean;
  /** Shown right after the control (what a NIK says), announced as it changes; linked by aria-describedby. */
  readonly after?: ComponentChildren;
  readonly children: ComponentChildren;
}) {
  const { field, label, optional, hint, codes, live, after, children } = props;
  return (
    <div class={`field${codes.length > 0 ? ' has-error' : ''}`} data-field={field}>
      <label for={controlId(field)}>
        {label}
        {optional && <span class="optional"> {optional}</span>}
      </label>
      {hint !== undefined && (
        <div id={hintId(field)} class="field-hint">
          {hint}
        </div>
      )}
      {children}
      {after !== undefined && (
        <div id={afterId(field)} class="field-after" aria-live="polite">
          {after}
        </div>
      )}
      <Problems field={field} codes={codes} live={live} />
    </div>
  );
}

export function RadioGroup<V extends string>(props: {
  readonly field: string;
  readonly legend: string;
  readonly options: readonly { readonly value: V; readonly label: string }[];
  readonly value: V | '';
  readonly codes: readonly string[];
  readonly onChange: (value: V) => void;
}) {
  const { field, legend, options, value, codes, onChange } = props;
  return (
    <fieldset class={`field radios${codes.length > 0 ? ' has-error' : ''}`} data-field={field} aria-describedby={errorId(field)}>
      <legend>{legend}</legend>
      <div class="radio-row">
        {options.map((o, i) => (
          <label class="radio" key={o.value}>
            <input
              type="radio"
              name={controlId(field)}
              id={i === 0 ? controlId(field) : undefined}
              value={o.value}
              checked={value === o.value}
              aria-invalid={codes.length > 0 ? 'true' : undefined}
              onChange={() => onChange(o.value)}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      <Problems field={field} codes={codes} />
    </fieldset>
  );
}
