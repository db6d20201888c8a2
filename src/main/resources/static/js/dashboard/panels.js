// A panel around each visual: its toolbar (records link, PNG, CSV, and the visual's own
// toggles), a note, the ECharts instance, and a data table under a disclosure — the
// keyboard's way to every element's filter and records, and a screen reader's way to the
// numbers a canvas cannot speak.

/* global echarts */
import { el, icon } from './dom.js';
import { downloadCsv, downloadPng } from './exporting.js';

export class Panel {
  /**
   * @param section the <section data-panel> of the template
   * @param spec one of CHARTS (charts.js)
   * @param page {recordsHref(select), filter(select), update(state → state, how)}
   */
  constructor(section, spec, page) {
    this.section = section;
    this.spec = spec;
    this.page = page;
    this.stale = true;
    this.visible = false;
    this.data = undefined;
    this.ctx = null;

    const heading = section.querySelector('h2');
    this.tools = el('div', { class: 'tools', role: 'group', 'aria-label': `${heading.textContent}: tools` });
    this.records = el('a', { class: 'records-link', href: '#' }, icon('bi-list-ul'), ' Records');
    this.own = el('span', { class: 'tools' });
    this.tools.append(
      this.own,
      this.records,
      el('button', { type: 'button', 'data-export': 'png', title: 'Download the chart as a PNG image', onclick: () => this.png() },
        icon('bi-filetype-png'), 'PNG'),
      el('button', { type: 'button', 'data-export': 'csv', title: 'Download the chart’s data as CSV', onclick: () => this.csv() },
        icon('bi-filetype-csv'), 'CSV'));
    const head = el('div', { class: 'panel-head' });
    heading.replaceWith(head);
    head.append(heading, this.tools);

    this.note = el('p', { class: 'panel-note' });
    this.container = section.querySelector('.chart');
    this.container.before(this.note);
    this.tableBox = el('div', { class: 'table-wrap' });
    this.details = el('details', { class: 'data-table' }, el('summary', { text: 'Data table' }), this.tableBox);
    this.details.addEventListener('toggle', () => this.renderTable());
    this.container.after(this.details);

    this.chart = echarts.init(this.container, null, { renderer: 'canvas' });
    this.chart.on('click', (params) => this.clicked(params));
    // "ready" once ECharts has finished drawing (animations included), not when handed the option
    this.chart.on('finished', () => {
      if (this.section.dataset.state === 'drawing') this.section.dataset.state = 'ready';
    });
    new ResizeObserver(() => this.chart.resize()).observe(this.container);
  }

  /** Loads what the visual needs with this refresh's loader; the caller renders it. */
  load(loader, ctx) {
    return this.spec.load(loader, ctx);
  }

  render(data, ctx) {
    const started = performance.now();
    this.data = data;
    this.ctx = ctx;
    this.section.dataset.state = 'drawing';
    this.chart.setOption(this.spec.option(data, ctx), { notMerge: true });
    this.note.textContent = this.spec.note ? this.spec.note(data, ctx) : '';
    this.records.href = ctx.recordsHref({});
    this.records.setAttribute('aria-label', `Records behind “${this.section.querySelector('h2').textContent}”`);
    this.renderTools(ctx);
    this.renderTable();
    // what the browser's performance tools (and bench's FilterRedrawBenchmark) show per panel
    performance.measure(`render ${this.spec.id}`, { start: started });
  }

  renderTools(ctx) {
    this.own.replaceChildren();
    for (const tool of this.spec.tools ? this.spec.tools(ctx) : []) {
      this.own.append(el('button', {
        type: 'button',
        'aria-pressed': String(tool.pressed),
        onclick: () => this.page.update(tool.apply, 'replace'),
      }, tool.label));
    }
  }

  rows() {
    return this.spec.table(this.data, this.ctx);
  }

  /** The table behind the chart: built only while its disclosure is open. */
  renderTable() {
    if (!this.details.open || this.data === undefined) return;
    const { columns, rows } = this.rows();
    const table = el('table', {},
      el('thead', {}, el('tr', {}, columns.map((c, i) => el('th', { scope: 'col', class: i ? 'num' : null, text: c.label })),
        el('th', { scope: 'col' }, el('span', { class: 'visually-hidden', text: 'Actions' })))),
      el('tbody', {}, rows.map((row) => el('tr', {},
        columns.map((c, i) => el(i === 0 ? 'th' : 'td', { scope: i === 0 ? 'row' : null, class: i === 0 ? '' : 'num', text: c.format(row[c.key]) })),
        el('td', {}, row.select ? el('span', { class: 'row-tools' },
          el('button', { type: 'button', class: 'small', onclick: () => this.page.filter(row.select), text: 'Filter' }),
          el('a', { class: 'records-link', href: this.ctx.recordsHref(row.select), text: 'Records' })) : null)))));
    this.tableBox.replaceChildren(table);
  }

  clicked(params) {
    const select = params.data && params.data.select;
    if (!select) return;
    const event = params.event && params.event.event;
    if (event && (event.ctrlKey || event.metaKey)) {
      // the drill: the records behind this element, beside the dashboard
      window.open(this.ctx.recordsHref(select), '_blank', 'noopener');
      return;
    }
    this.page.filter(select);
  }

  png() {
    downloadPng(this.chart, this.spec.id);
  }

  csv() {
    if (this.data === undefined) return;
    const { columns, rows } = this.rows();
    downloadCsv(columns, rows, this.spec.id);
  }
}
