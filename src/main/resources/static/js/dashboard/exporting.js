// Downloads: a chart as PNG, its data as CSV. Both are made in the browser from what is on
// the page, so they match the view exactly (filters included) and need no server round trip.

import { today } from './dates.js';

function download(href, filename) {
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
}

function filename(name, extension) {
  return `dashboard-${name}-${today()}.${extension}`;
}

/** ECharts renders the chart again at twice the resolution on white: a data: URL (img-src allows data:). */
export function downloadPng(chart, name) {
  download(chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }), filename(name, 'png'));
}

/**
 * One CSV field: RFC 4180 quoting; text that a spreadsheet would run as a formula
 * (= + - @ at the start) gets a leading apostrophe, since company and campaign names are
 * typed by people. Numbers keep the API's form: dot decimals, no grouping.
 */
function field(value) {
  if (value == null) return '';
  if (typeof value === 'number') return String(value);
  let text = String(value);
  if (/^-?\d+(\.\d+)?$/.test(text)) return text; // a number sent as text stays a number (-0.5 is no formula)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** columns: [{key}], rows: [{key: value}] → CSV as the product writes its own: UTF-8 with a BOM, CRLF. */
export function toCsv(columns, rows) {
  const lines = [columns.map((c) => field(c.key)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => field(row[c.key])).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function downloadCsv(columns, rows, name) {
  const blob = new Blob([toCsv(columns, rows)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  download(url, filename(name, 'csv'));
  // the download has started from the blob once click() returns; free it a little later
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
