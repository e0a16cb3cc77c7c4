import type { AuditedMonth, AuditReport, Estimate, Sampling } from '@chronicle/rules';
import { html, type Html } from './html-escape.js';
import { anchor } from './html-tables.js';
import { money } from './report-format.js';
import {
  confidenceSentence,
  ESTIMATE_COLUMNS,
  errorRateSentence,
  estimateRows,
  lowerLimitNote,
  redrawSentence,
  samplingFacts,
  strataLabels,
} from './sample-text.js';

// The "Sample" and "Overpayment estimate" sections of a sampled audit: how the months
// were drawn (enough to draw them again) and what they say about the whole frame.

export function sampleSection(report: AuditReport, s: Sampling): Html {
  // Each drawn unit shows its month's verdict and links to its evidence when it has some.
  const stratum = strataLabels(s);
  const audited = new Map<string, AuditedMonth>(report.months.map((m) => [anchor(m), m]));
  return html`<dl class="facts">
      ${samplingFacts(s).map(
        ([k, v]) =>
          html`<dt>${k}</dt>
            <dd>${v}</dd>`,
      )}
    </dl>
    <p>${redrawSentence(report, s)}</p>
    <h3>Strata</h3>
    <table>
      <thead>
        <tr>
          <th scope="col">Stratum</th>
          <th scope="col">Label</th>
          <th scope="col" class="num">Frame months</th>
          <th scope="col" class="num">Frame billed</th>
          <th scope="col" class="num">Sampled</th>
        </tr>
      </thead>
      <tbody>
        ${s.strata.map(
          (t) =>
            html`<tr>
              <td>${t.id}</td>
              <td>${t.label}</td>
              <td class="num">${t.frameSize}</td>
              <td class="num">${money(t.frameAmount)}</td>
              <td class="num">${t.sampleSize}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <h3>Selection</h3>
    <table>
      <thead>
        <tr>
          <th scope="col" class="num">Frame position</th>
          <th scope="col" class="num">Drawn</th>
          <th scope="col">Stratum</th>
          <th scope="col">Patient</th>
          <th scope="col">Month</th>
          <th scope="col">Practitioner</th>
          <th scope="col">Verdict</th>
        </tr>
      </thead>
      <tbody>
        ${s.selection.map((u) => {
          const id = anchor(u);
          const m = audited.get(id);
          return html`<tr>
            <td class="num">${u.position}</td>
            <td class="num">${u.drawn}</td>
            <td>${stratum(u.stratum)}</td>
            <td>
              ${m && m.findings.length > 0 ? html`<a href="#${id}">${u.patientId}</a>` : u.patientId}
            </td>
            <td>${u.month}</td>
            <td>${u.billingPractitionerId ?? ''}</td>
            <td>
              ${m ? html`<span class="badge ${m.verdict}">${m.verdict}</span>` : 'not audited'}
            </td>
          </tr>`;
        })}
      </tbody>
    </table>`;
}

export function estimateSection(e: Estimate): Html {
  const note = lowerLimitNote(e);
  return html`<p>${confidenceSentence(e)}</p>
    <table class="estimate">
      <thead>
        <tr>
          ${ESTIMATE_COLUMNS.map(
            (c, i) => html`<th scope="col" class="${i > 0 ? 'num' : ''}">${c}</th>`,
          )}
        </tr>
      </thead>
      <tbody>
        ${estimateRows(e).map(
          ([label, ...cells]) =>
            html`<tr>
              <th scope="row">${label}</th>
              ${cells.map((c) => html`<td class="num">${c}</td>`)}
            </tr>`,
        )}
      </tbody>
    </table>
    <p>${errorRateSentence(e)}</p>
    ${note ? html`<p class="callout">${note}</p>` : ''}
    <p class="note">Method: ${e.method}</p>`;
}
