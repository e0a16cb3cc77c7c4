import type { MonthErrorRate } from './audit-figures.js';
import { html, type Html } from './html-escape.js';
import { percent } from './report-format.js';

// "Error rate by month": an inline SVG bar per calendar month (the share of its audited
// months with an error finding), described for screen readers by its <title>/<desc>, and
// the same figures in a table below it, which is what a reader without sight (or a
// printer without colour) reads.

const MIN_SLOT = 28;
const MIN_PLOT_WIDTH = 480;
const PLOT = 160;
const LEFT = 48;
const RIGHT = 32;
const TOP = 10;

export function errorRateSection(rates: readonly MonthErrorRate[]): Html {
  if (rates.length === 0) return html`<p>No billed months.</p>`;
  return html`<figure class="chart">
      ${errorRateChart(rates)}
      <figcaption>
        Share of audited months with at least one error finding, by calendar month. The table gives
        the same figures.
      </figcaption>
    </figure>
    ${errorRateTable(rates)}`;
}

export function errorRateChart(rates: readonly MonthErrorRate[]): Html {
  // A few months get wide bars with level labels; many get narrow ones with slanted labels.
  const slot = Math.max(MIN_SLOT, Math.floor(MIN_PLOT_WIDTH / rates.length));
  const bar = Math.min(Math.round(slot * 0.6), 48);
  const slanted = slot < 64;
  const width = LEFT + rates.length * slot + RIGHT;
  const height = TOP + PLOT + (slanted ? 56 : 24);
  const y = (share: number) => TOP + PLOT * (1 - share);
  const desc = rates
    .map((r) => `${r.month}: ${percent(r.share)} (${r.withErrors} of ${r.audited})`)
    .join('; ');
  return html`<svg
    xmlns="http://www.w3.org/2000/svg"
    role="img"
    aria-labelledby="rate-title rate-desc"
    viewBox="0 0 ${width} ${height}"
    width="${width}"
    height="${height}"
  >
    <title id="rate-title">Share of audited months with errors, by month</title>
    <desc id="rate-desc">${desc}.</desc>
    ${[0, 0.5, 1].map(
      (g) =>
        html`<line class="grid" x1="${LEFT}" x2="${width - 4}" y1="${y(g)}" y2="${y(g)}" />
          <text class="axis" x="${LEFT - 6}" y="${y(g) + 4}" text-anchor="end"
            >${percent(g)}</text
          >`,
    )}
    ${rates.map((r, i) => {
      const x = LEFT + i * slot + (slot - bar) / 2;
      const top = y(r.share);
      return html`<rect
          class="bar"
          data-month="${r.month}"
          data-share="${r.share.toFixed(4)}"
          x="${x}"
          y="${top.toFixed(1)}"
          width="${bar}"
          height="${(TOP + PLOT - top).toFixed(1)}"
        >
          <title>${r.month}: ${percent(r.share)} (${r.withErrors} of ${r.audited})</title>
        </rect>
        ${
          slanted
            ? html`<text
                class="axis"
                transform="translate(${x + bar / 2} ${TOP + PLOT + 10}) rotate(45)"
                text-anchor="start"
              >
                ${r.month}
              </text>`
            : html`<text
                class="axis"
                x="${x + bar / 2}"
                y="${TOP + PLOT + 16}"
                text-anchor="middle"
              >
                ${r.month}
              </text>`
        }`;
    })}
  </svg>`;
}

function errorRateTable(rates: readonly MonthErrorRate[]): Html {
  return html`<table class="rates">
    <thead>
      <tr>
        <th scope="col">Month</th>
        <th scope="col" class="num">Months audited</th>
        <th scope="col" class="num">With errors</th>
        <th scope="col" class="num">Error rate</th>
      </tr>
    </thead>
    <tbody>
      ${rates.map(
        (r) =>
          html`<tr>
            <td>${r.month}</td>
            <td class="num">${r.audited}</td>
            <td class="num">${r.withErrors}</td>
            <td class="num">${percent(r.share)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}
