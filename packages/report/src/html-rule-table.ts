import type { RuleFigures } from './audit-figures.js';
import { html, type Html } from './html-escape.js';
import { sourcesLine } from './html-source-link.js';

// "Findings by rule": how often each rule fired, what it checks, what to do about it and
// the documents it rests on, so that the table alone is a work list for the practice.

export function byRuleTable(rules: readonly RuleFigures[]): Html {
  if (rules.length === 0) return html`<p>No findings.</p>`;
  return html`<table class="rules">
    <thead>
      <tr>
        <th scope="col">Rule</th>
        <th scope="col">Severity</th>
        <th scope="col" class="num">Findings</th>
        <th scope="col">What it checks and what to do</th>
      </tr>
    </thead>
    <tbody>
      ${rules.map(
        (r) =>
          html`<tr id="rule-${r.id.replace(/[^A-Za-z0-9_-]/g, '_')}">
            <td><code>${r.id}</code></td>
            <td>
              ${r.severities.map((s, i) => html`${i > 0 ? ' ' : ''}<span class="badge ${s}">${s}</span>`)}
            </td>
            <td class="num">${r.findings}</td>
            <td>${ruleText(r)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function ruleText(r: RuleFigures): Html {
  if (r.rule === undefined)
    return html`<p class="note">
      Not in the rule list this report was rendered with: see the findings' messages and sources
      below.
    </p>`;
  return html`<p>${r.rule.description}</p>
    ${
      r.rule.correctiveAction
        ? html`<p class="action"><strong>Corrective action:</strong> ${r.rule.correctiveAction}</p>`
        : ''
    }
    ${sourcesLine(r.rule.sources)}`;
}
