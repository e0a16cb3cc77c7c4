// The report's stylesheet, inlined so the HTML file stands alone and prints cleanly.
export const REPORT_CSS = `
:root { color-scheme: light; --fail: #b42318; --warn: #b54708; --pass: #067647; --info: #175cd3; --line: #d0d5dd; }
* { box-sizing: border-box; }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #101828; margin: 0 auto; max-width: 1100px; padding: 24px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 16px 0 4px; }
.sub, .note { color: #475467; margin: 0 0 8px; }
.tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: 8px; margin: 0; }
.tiles div { border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; }
.tiles dt { color: #475467; font-size: 12px; }
.tiles dd { margin: 0; font-size: 20px; font-weight: 600; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f9fafb; font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 12px; font-weight: 600; color: #fff; background: #667085; }
.badge.fail, .badge.error { background: var(--fail); }
.badge.warn, .badge.warning { background: var(--warn); }
.badge.pass { background: var(--pass); }
.badge.info { background: var(--info); }
dd.fail { color: var(--fail); } dd.warn { color: var(--warn); } dd.pass { color: var(--pass); }
.findings { padding-left: 16px; }
.findings li { margin-bottom: 12px; }
.evidence { display: grid; grid-template-columns: max-content 1fr; gap: 0 12px; margin: 4px 0; font-size: 12px; color: #344054; }
.evidence dt { font-weight: 600; }
.evidence dd { margin: 0; word-break: break-all; }
.sources { font-size: 12px; margin: 0; }
pre { background: #f9fafb; border: 1px solid var(--line); padding: 8px; font-size: 12px; }
td p { margin: 0 0 4px; }
.rules td:first-child { white-space: nowrap; }
.action strong { color: var(--fail); }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0 0 8px; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; }
.callout { border-left: 4px solid var(--warn); background: #fffaeb; padding: 8px 12px; }
.chart { margin: 0 0 8px; overflow-x: auto; }
.chart svg { max-width: 100%; height: auto; }
.chart .bar { fill: var(--fail); }
.chart .grid { stroke: var(--line); stroke-width: 1; }
.chart .axis { font-size: 10px; fill: #475467; }
figcaption { color: #475467; font-size: 12px; }
article { break-inside: avoid; border-top: 1px dashed var(--line); }
@media print { body { padding: 0; } a { color: inherit; } .sources a::after { content: " <" attr(href) ">"; } }
`;
