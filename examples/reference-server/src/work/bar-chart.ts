// An accessible bar chart as inline SVG, drawn on the server: no script, no inline style (the
// Content-Security-Policy allows neither). The SVG is an image with a title and a description,
// each bar has its own title (the label and the formatted value), and the page keeps the same
// figures in a table for screen readers and keyboards.
import type { Decimal } from "decimal.js";
import { html } from "hono/html";
import type { Html } from "../web/layout.js";

/**
 * One bar: its label, its value, and the value as the page writes it.
 *
 * @example
 * ```ts
 * const bar: Bar = { label: "1-30", value: new Decimal("120.50"), text: "€ 120,50" };
 * ```
 */
export interface Bar {
  readonly label: string;
  readonly value: Decimal;
  readonly text: string;
}

/**
 * Draws horizontal bars scaled to the largest value (negative values draw no bar but keep their
 * text). Amounts stay decimals; only the pixel widths are computed in floating point.
 *
 * @example
 * ```ts
 * barChart({ id: "aging-chart", title: "Open amounts by age", description: "…", bars: [
 *   { label: "1-30", value: new Decimal("1234.56"), text: "€ 1.234,56" },
 * ] });
 * ```
 */
export function barChart(options: {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly bars: readonly Bar[];
}): Html {
  const labelWidth = 110;
  const barArea = 360;
  const textWidth = 130;
  const rowHeight = 28;
  const width = labelWidth + barArea + textWidth;
  const height = Math.max(1, options.bars.length) * rowHeight + 8;
  const max = options.bars.reduce<Decimal | null>(
    (largest, bar) => (largest === null || bar.value.gt(largest) ? bar.value : largest),
    null,
  );
  const scale = (value: Decimal) =>
    max === null || max.lte(0) || value.lte(0)
      ? 0
      : Math.max(1, Math.round(value.dividedBy(max).times(barArea).toNumber()));
  return html`<svg id="${options.id}" class="chart" role="img" aria-labelledby="${options.id}-title ${options.id}-desc" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">
<title id="${options.id}-title">${options.title}</title>
<desc id="${options.id}-desc">${options.description}</desc>
${options.bars.map((bar, index) => {
  const y = 4 + index * rowHeight;
  const barWidth = scale(bar.value);
  return html`<g class="bar" data-label="${bar.label}" data-value="${bar.value.toFixed(2)}">
<title>${bar.label}: ${bar.text}</title>
<text x="${labelWidth - 8}" y="${y + 18}" text-anchor="end" fill="currentColor" font-size="13">${bar.label}</text>
<rect x="${labelWidth}" y="${y + 4}" width="${barWidth}" height="${rowHeight - 10}" fill="#1f5f8b" stroke="#0b3553" stroke-width="1"></rect>
<text x="${labelWidth + barWidth + 6}" y="${y + 18}" fill="currentColor" font-size="13">${bar.text}</text>
</g>`;
})}
</svg>`;
}
