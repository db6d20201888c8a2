// The records explorer (SPEC §13): one page of records from GET /api/records, in the order
// and under the filters the page's URL holds, so a link from a dashboard chart, a bookmark
// or a reload shows the same records. Sorting, paging and filtering change the URL and
// reload; nothing else is kept anywhere.

import { Api } from './dashboard/api.js';
import { el } from './dashboard/dom.js';
import { fmt } from './dashboard/format.js';
import { DIMS, DIM_LABELS } from './dashboard/state.js';

const root = document.getElementById('records');
const api = new Api(root.dataset.api);
const recordBase = root.dataset.record;
const params = new URLSearchParams(window.location.search);

/** The columns shown, in order: key in the API's rows, heading, how to print it. */
const COLUMNS = [
  ['campaign_id', 'Id', fmt.text, 'num'],
  ['date', 'Date', fmt.text],
  ['campaign_company', 'Company', fmt.text],
  ['campaign_name', 'Campaign', fmt.text],
  ['marketing_channel', 'Channel', fmt.text],
  ['campaign_type', 'Type', fmt.text],
  ['ad_format', 'Format', fmt.text],
  ['device_type', 'Device', fmt.text],
  ['country', 'Country', fmt.text],
  ['audience_segment', 'Segment', fmt.text],
  ['impressions', 'Impressions', fmt.count, 'num'],
  ['clicks', 'Clicks', fmt.count, 'num'],
  ['conversions', 'Conversions', fmt.count, 'num'],
  ['ad_spend', 'Ad spend', fmt.money, 'num'],
  ['revenue', 'Revenue', fmt.money, 'num'],
  ['ctr', 'CTR', fmt.percent, 'num'],
  ['cost_per_click', 'CPC', fmt.money, 'num'],
  ['roas', 'ROAS', fmt.times, 'num'],
  ['data_quality', 'Data quality', (v) => (v ? v : 'clean')],
];

/** The page's URL with some parameters changed (null removes one); paging starts over unless given. */
function href(changes) {
  const next = new URLSearchParams(params);
  if (!('page' in changes)) next.delete('page');
  for (const [key, value] of Object.entries(changes)) {
    if (value == null) next.delete(key);
    else next.set(key, value);
  }
  const query = next.toString();
  return query ? `?${query}` : window.location.pathname;
}

const sort = params.get('sort') ?? 'campaign_id';
const dir = params.get('dir') ?? (params.has('sort') ? 'asc' : 'desc');

function header() {
  const row = root.querySelector('#record-table thead tr');
  for (const [key, label, , css] of COLUMNS) {
    const sorted = key === sort;
    const next = sorted && dir === 'asc' ? 'desc' : 'asc';
    row.append(el('th', { class: css, scope: 'col', 'aria-sort': sorted ? (dir === 'asc' ? 'ascending' : 'descending') : null },
      el('a', { href: href({ sort: key, dir: next }), class: 'sort', title: `Sort by ${label}` },
        label, sorted ? (dir === 'asc' ? ' ▲' : ' ▼') : '')));
  }
}

/** The form shows the URL's filters; ones it has no single field for ride along as hidden fields and chips. */
function form() {
  const formEl = root.querySelector('#record-filters');
  const carried = root.querySelector('#carried');
  const chips = root.querySelector('#chips');
  for (const name of ['q', 'from', 'to', 'data_quality']) {
    if (params.get(name)) formEl.elements[name].value = params.get(name);
  }
  for (const dim of DIMS) {
    const values = params.getAll(dim);
    const field = formEl.elements[dim];
    if (field && values.length === 1 && [...field.options].some((o) => o.value === values[0])) {
      field.value = values[0];
      continue;
    }
    for (const value of values) {
      carried.append(el('input', { type: 'hidden', name: dim, value }));
      const rest = new URLSearchParams(params);
      rest.delete(dim);
      for (const v of values) if (v !== value) rest.append(dim, v);
      rest.delete('page');
      chips.append(el('a', { class: 'chip', href: `?${rest}`, title: 'Remove this filter' },
        `${DIM_LABELS[dim]}: `, el('strong', { text: value }), ' ×'));
    }
  }
  for (const name of ['sort', 'dir', 'size']) {
    if (params.get(name)) formEl.elements[name].value = params.get(name);
  }
  formEl.addEventListener('submit', () => {
    // empty fields stay out of the URL: "All" is no filter, not an empty one
    for (const field of formEl.elements) if (field.name && field.value === '') field.disabled = true;
  });
  const size = root.querySelector('#page-size');
  size.value = params.get('size') ?? '50';
  size.addEventListener('change', () => { window.location.href = href({ size: size.value }); });
}

function show(answer) {
  const body = root.querySelector('#record-table tbody');
  body.replaceChildren(...answer.rows.map((record) => {
    const link = `${recordBase}${record.campaign_id}`;
    const cells = COLUMNS.map(([key, , format, css]) => {
      const text = format(record[key]);
      return el('td', { class: css }, key === 'campaign_id' ? el('a', { href: link, text }) : text);
    });
    // the whole row opens the record; the id's link is the keyboard's way there
    return el('tr', { class: 'record-row', onclick: (event) => {
      if (!event.target.closest('a')) window.location.href = link;
    } }, cells);
  }));
  const first = answer.page * answer.size;
  const count = root.querySelector('#record-count');
  if (answer.total === 0) count.textContent = 'No records match these filters.';
  else if (answer.rows.length === 0) count.textContent = `No records on this page; ${fmt.count(answer.total)} match, from page 1.`;
  else count.textContent = `Records ${fmt.count(first + 1)}–${fmt.count(first + answer.rows.length)} of ${fmt.count(answer.total)}`;
  const pages = Math.max(1, Math.ceil(answer.total / answer.size));
  root.querySelector('#page-text').textContent = `Page ${fmt.count(answer.page + 1)} of ${fmt.count(pages)}`;
  const prev = root.querySelector('#prev');
  const next = root.querySelector('#next');
  prev.hidden = answer.page === 0;
  prev.href = href({ page: String(answer.page - 1) });
  next.hidden = answer.page + 1 >= pages;
  next.href = href({ page: String(answer.page + 1) });
}

function download() {
  const query = new URLSearchParams(params);
  query.delete('page');
  query.delete('size');
  root.querySelector('#download').href = api.url('records/csv', query);
}

async function load() {
  try {
    show(await api.get('records', params));
  } catch (error) {
    root.querySelector('#record-count').textContent = '';
    const problem = root.querySelector('#record-problem');
    problem.textContent = error.status === 503
      ? `The records are not ready yet (${error.message}). Reload in a moment.`
      : `These records cannot be shown: ${error.message}`;
    problem.hidden = false;
  }
}

header();
form();
download();
load();
