/**
 * The box a wide table scrolls in (on a narrow screen the table scrolls, never the page): a named region that takes
 * the keyboard's focus, so that it can be scrolled without a mouse (WCAG 2.1.1).
 */
import type { ComponentChildren } from 'preact';

export function TableBox({ label, children }: { readonly label: string; readonly children: ComponentChildren }) {
  return (
    <div class="meja-table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
