// The original report's second page: a table by company, sortable by any column (the sort
// lives in the URL with the filters). A company's name filters the page; "Records" opens
// its records.

import { el, icon } from './dom.js';
import { fmt, num, MEASURES } from './format.js';
import { downloadCsv } from './exporting.js';
import { breakdown } from './charts.js';

const COLUMNS = [
  { key: 'campaign_company', label: 'Company', format: fmt.text },
  ...['ad_spend', 'impressions', 'clicks', 'conversions', 'cost_per_click', 'cost_per_mille', 'ctr',
    'conversion_rate', 'cost_per_conversion', 'records'].map((key) => ({ key, label: MEASURES[key].label, format: MEASURES[key].format })),
];

/** Text sorts by the locale's collation; numbers numerically; undefined ratios (null) last either way. */
function compare(key, descending) {
  const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
  return (a, b) => {
    const x = a[key];
    const y = b[key];
    if (x == null || y == null) return (x == null) - (y == null);
    const order = key === 'campaign_company' ? collator.compare(x, y) : num(x) - num(y);
    return descending ? -order : order;
  };
}

export class CompanyTable {
  constructor(section, page) {
    this.section = section;
    this.page = page;
    this.spec = { id: 'companies' };
    this.stale = true;
    this.visible = false;
    this.data = [];
    this.sorted = [];
    this.table = section.querySelector('table');
    const heading = section.querySelector('h2');
    this.recordsLink = el('a', { class: 'records-link', href: '#' }, icon('bi-list-ul'), ' Records');
    const tools = el('div', { class: 'tools', role: 'group', 'aria-label': 'By company: tools' },
      this.recordsLink,
      el('button', { type: 'button', 'data-export': 'csv', title: 'Download the table as CSV', onclick: () => this.csv() }, icon('bi-filetype-csv'), 'CSV'));
    const head = el('div', { class: 'panel-head' });
    heading.replaceWith(head);
    head.append(heading, tools);
  }

  load(loader, ctx) {
    // the same request as the ROI-by-company chart's, so the loader answers both with one
    return breakdown(loader, ctx, ['campaign_company']);
  }

  render(rows, ctx) {
    const started = performance.now();
    this.data = rows;
    this.ctx = ctx;
    this.recordsLink.href = ctx.recordsHref({});
    const descending = ctx.state.sort.startsWith('-');
    const key = COLUMNS.some((c) => c.key === ctx.state.sort.replace(/^-/, '')) ? ctx.state.sort.replace(/^-/, '') : 'ad_spend';
    this.renderHead(key, descending);
    const sorted = [...rows].sort(compare(key, descending));
    this.sorted = sorted;
    const body = this.table.tBodies[0];
    body.replaceChildren(...sorted.map((row) => {
      const select = { dims: { campaign_company: row.campaign_company } };
      return el('tr', {},
        el('th', { scope: 'row' }, el('button', {
          type: 'button',
          class: 'company',
          title: 'Filter the page to this company',
          onclick: () => this.page.filter(select),
        }, row.campaign_company)),
        COLUMNS.slice(1).map((c) => el('td', { class: 'num', text: c.format(row[c.key]) })),
        el('td', {}, el('a', { class: 'records-link', href: ctx.recordsHref(select), text: 'Records' })));
    }));
    if (!sorted.length) body.append(el('tr', {}, el('td', { colspan: COLUMNS.length + 1, text: 'No records match these filters.' })));
    performance.measure('render companies', { start: started });
    this.section.dataset.state = 'ready';
  }

  renderHead(key, descending) {
    const row = this.table.tHead.rows[0];
    row.replaceChildren(...COLUMNS.map((c) => {
      const active = c.key === key;
      // a second click reverses; a new column starts with its most telling end (text A→Z, numbers high→low)
      const next = active ? (descending ? c.key : `-${c.key}`) : (c.key === 'campaign_company' ? c.key : `-${c.key}`);
      return el('th', {
        scope: 'col',
        class: c.key === 'campaign_company' ? null : 'num',
        'aria-sort': active ? (descending ? 'descending' : 'ascending') : null,
      }, el('button', { type: 'button', onclick: () => this.page.update((s) => ({ ...s, sort: next }), 'replace') },
        c.label, active ? icon(descending ? 'bi-caret-down-fill' : 'bi-caret-up-fill') : null));
    }), el('th', { scope: 'col' }, el('span', { class: 'visually-hidden', text: 'Records' })));
  }

  csv() {
    downloadCsv(COLUMNS, this.sorted, 'companies'); // in the order shown
  }
}
