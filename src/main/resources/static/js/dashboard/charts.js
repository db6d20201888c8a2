// The dashboard's visuals (SPEC §12), one object each: what it loads, the ECharts option
// that draws it, the table behind it (for its CSV, its data table and its drill links),
// and what a click on one of its elements filters.
//
// Every data item carries `row` (the API's totals for it, shown in its tooltip) and
// `select` (the filter a click adds: {dims: {dim: value}} or {range: {from, to}}).

/* global echarts */
import { el } from './dom.js';
import { fmt, num, MEASURES } from './format.js';
import { periods, periodRange } from './dates.js';
import { DIM_LABELS } from './state.js';

const PALETTE = ['#0b63ce', '#e07b24', '#2e9d5b', '#8e44ad', '#c0392b', '#16a085', '#7f8c8d', '#d4a017', '#2c3e50'];
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
const HINT = 'Click: filter the page · Ctrl+click: its records';

/** The world map names some countries differently from the category values. */
const MAP_NAMES = {
  'United States': 'USA',
  'United Kingdom': 'UK',
  'United Arab Emirates': 'UAE',
  Korea: 'South Korea',
  'Czech Rep.': 'Czech Republic',
  'Dem. Rep. Congo': 'DR Congo',
  'Bosnia and Herz.': 'Bosnia and Herzegovina',
  'Dominican Rep.': 'Dominican Republic',
};

// ---- tooltips: DOM built with textContent (ECharts' own HTML tooltips carry style attributes) ----

function tooltipBox(title, lines, href, color) {
  return el('div', {},
    el('div', { class: 'tt-title' }, color ? swatch(color) : null, title),
    el('dl', {}, lines.flatMap(([label, value]) => [el('dt', { text: label }), el('dd', { text: value })])),
    href ? el('a', { href, text: 'Show these records ›' }) : null,
    href ? el('p', { class: 'tt-hint', text: HINT }) : null);
}

function swatch(color) {
  const s = el('span', { class: 'swatch', 'aria-hidden': 'true' });
  if (typeof color === 'string') s.style.backgroundColor = color; // CSSOM, which the CSP allows
  return s;
}

/** Tooltip lines for a row of totals: [label, formatted value] of each measure key. */
function lines(row, keys) {
  return keys.map((k) => [MEASURES[k].label, MEASURES[k].format(row?.[k])]);
}

/**
 * Puts an item's tooltip beside the element it describes (right, left, above or below a
 * bar's rectangle; around a point), never over it: it stays still while the pointer moves
 * into it to reach its link, and a click on the element is never caught by the tooltip.
 */
function anchored(point, params, dom, rect, size) {
  const [viewW, viewH] = size.viewSize;
  const [w, h] = size.contentSize;
  const gap = 8;
  const box = rect ?? { x: point[0] - 6, y: point[1] - 6, width: 12, height: 12 };
  const clampX = (x) => Math.min(Math.max(0, x), Math.max(0, viewW - w));
  const clampY = (y) => Math.min(Math.max(0, y), Math.max(0, viewH - h));
  const candidates = [
    [box.x + box.width + gap, clampY(box.y)],
    [box.x - w - gap, clampY(box.y)],
    [clampX(box.x), box.y - h - gap],
    [clampX(box.x), box.y + box.height + gap],
  ];
  for (const [x, y] of candidates) {
    if (x >= 0 && y >= 0 && x + w <= viewW && y + h <= viewH) return [x, y];
  }
  // no room beside the element: beside the pointer, never under it
  const x = point[0] + gap + w <= viewW ? point[0] + gap : Math.max(0, point[0] - gap - w);
  const y = point[1] + gap + h <= viewH ? point[1] + gap : Math.max(0, point[1] - gap - h);
  return [x, y];
}

function base(ctx, panel, option) {
  return {
    color: PALETTE,
    textStyle: { fontFamily: FONT },
    animationDuration: 300,
    aria: { enabled: true, decal: { show: false } },
    tooltip: {
      trigger: 'item',
      renderMode: 'html',
      className: 'dash-tooltip',
      enterable: true,
      confine: true,
      hideDelay: 400,
      position: anchored,
      formatter: (params) => {
        const d = params.data;
        if (!d || !d.row) return tooltipBox(params.name || '', [['Records', '0']], null, null);
        return tooltipBox(d.title ?? params.name, lines(d.row, d.keys ?? panel.tip),
          d.select ? ctx.recordsHref(d.select) : null, params.color);
      },
    },
    ...option,
  };
}

/** A data item: the plotted value plus what the tooltip, the click and the drill need. */
function item(value, row, select, extra = {}) {
  return { value, row, select, ...extra };
}

function empty(text = 'No records match these filters') {
  return {
    title: { text, left: 'center', top: 'middle', textStyle: { color: '#5b6573', fontSize: 14, fontWeight: 'normal' } },
    series: [],
  };
}

/** 1, 2 or 5 times a power of ten, at least v: gauge ends that read well. */
function niceMax(v) {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function gauge(value, max, target, { name, detail, center = ['50%', '58%'], radius = '80%' }) {
  const share = target > 0 ? Math.min(1, target / max) : 0;
  return {
    type: 'gauge',
    center,
    radius,
    min: 0,
    max,
    startAngle: 210,
    endAngle: -30,
    splitNumber: 4,
    progress: { show: true, width: 14, itemStyle: { color: value != null && value >= target ? '#2e9d5b' : '#e07b24' } },
    axisLine: { lineStyle: { width: 14, color: share > 0 ? [[share, '#f6dfc6'], [1, '#cfead8']] : [[1, '#e6eaf0']] } },
    pointer: { length: '55%', width: 4 },
    axisTick: { show: false },
    splitLine: { length: 8, distance: 2, lineStyle: { color: '#9aa3af' } },
    axisLabel: { distance: 20, fontSize: 10, color: '#5b6573', formatter: (v) => fmt.compact(v) },
    anchor: { show: true, size: 8 },
    title: { offsetCenter: [0, '80%'], fontSize: 12, lineHeight: 16, color: '#5b6573' },
    detail: { offsetCenter: [0, '42%'], fontSize: 20, fontWeight: 'bold', color: '#1d2430', formatter: () => detail },
    data: [{ value: value ?? 0, name }],
    silent: true,
  };
}

/** Rows of a timeseries answer laid over every period of the range, so a quiet week shows as a gap. */
function series(rows, ctx, grain) {
  const byPeriod = new Map(rows.map((r) => [r.period, r]));
  const all = ctx.extent.from && ctx.extent.to ? periods(grain, ctx.extent.from, ctx.extent.to) : rows.map((r) => r.period);
  // a period the API names that the calendar did not produce (should not happen) is kept
  for (const r of rows) if (!all.includes(r.period)) all.push(r.period);
  all.sort();
  return all.map((period) => ({ period, row: byPeriod.get(period) ?? null }));
}

const periodSelect = (period) => ({ range: periodRange(period) });

export function breakdown(loader, ctx, by, limit) {
  const p = ctx.filterParams();
  const q = new URLSearchParams();
  for (const dim of by) q.append('by', dim);
  if (limit) q.append('limit', String(limit));
  for (const [k, v] of p) q.append(k, v);
  return loader.get('breakdown', q).then((answer) => answer.rows);
}

function timeseries(loader, ctx, grain) {
  const q = new URLSearchParams({ grain });
  for (const [k, v] of ctx.filterParams()) q.append(k, v);
  return loader.get('timeseries', q).then((answer) => answer.rows);
}

/** Table columns: the API's key (also the CSV header), a label and a formatter. */
const col = (key, label = MEASURES[key]?.label ?? key, format = MEASURES[key]?.format ?? fmt.text) => ({ key, label, format });

// ---- the visuals ----

const impressions = {
  id: 'impressions',
  tip: ['impressions', 'clicks', 'ad_spend', 'records'],
  load: (loader, ctx) => timeseries(loader, ctx, 'month'),
  option(rows, ctx) {
    const months = series(rows, ctx, 'month');
    if (!months.length) return empty();
    const target = ctx.targets.impressions;
    const last = months[months.length - 1];
    const value = num(last.row?.impressions) ?? 0;
    const max = niceMax(Math.max(target * 1.5, value * 1.1));
    const partial = ctx.extent.to && periodRange(last.period).to > ctx.extent.to;
    return base(ctx, this, {
      grid: { left: '42%', right: 12, top: 28, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: months.map((m) => m.period), axisLabel: { fontSize: 10 } },
      yAxis: { type: 'value', axisLabel: { formatter: (v) => fmt.compact(v) } },
      series: [
        gauge(value, max, target, {
          name: `${last.period}${partial ? ' (so far)' : ''}\ntarget ${fmt.count(target)}`,
          detail: fmt.count(value),
          center: ['20%', '52%'],
          radius: '72%',
        }),
        {
          type: 'bar',
          name: 'Impressions',
          barMaxWidth: 28,
          itemStyle: { color: PALETTE[0] },
          data: months.map((m) => item(num(m.row?.impressions) ?? 0, m.row, periodSelect(m.period), { title: m.period })),
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { type: 'dashed', color: '#c0392b' },
            label: { formatter: 'target', position: 'insideEndTop', color: '#c0392b' },
            data: [{ yAxis: target }],
          },
        },
      ],
    });
  },
  table: (rows, ctx) => ({
    columns: [col('period', 'Month'), col('impressions'), col('clicks'), col('ad_spend'), col('records')],
    rows: series(rows, ctx, 'month').map((m) => ({ ...(m.row ?? { impressions: 0, clicks: 0, ad_spend: 0, records: 0 }), period: m.period, select: periodSelect(m.period) })),
  }),
  note(rows, ctx) {
    return `Gauge: the last month of the range against the target of ${fmt.count(ctx.targets.impressions)} impressions a month (pipeline.dashboard.targets.impressions).`;
  },
};

const engagement = {
  id: 'engagement',
  tip: [],
  load: async () => null, // the summary has it
  option(unused, ctx) {
    const current = ctx.summary.current;
    const value = num(current.engagement_to_spend_ratio);
    const target = ctx.targets.engagement;
    const max = niceMax(Math.max(target * 2, (value ?? 0) * 1.2));
    return base(ctx, this, {
      tooltip: { show: false },
      series: [gauge(value, max, target, {
        name: `clicks per unit of spend\ntarget ${fmt.number2(target)}`,
        detail: fmt.number4(value),
      })],
    });
  },
  table: (unused, ctx) => ({
    columns: [col('period', 'Period'), col('clicks'), col('ad_spend'), col('engagement_to_spend_ratio'), col('target', 'Target', fmt.number4)],
    rows: [
      { period: 'current', ...ctx.summary.current, target: ctx.targets.engagement },
      { period: 'previous', ...ctx.summary.previous, target: ctx.targets.engagement },
    ],
  }),
  note(unused, ctx) {
    return `Σ clicks / Σ ad spend; previous period ${fmt.number4(ctx.summary.previous.engagement_to_spend_ratio)}. Target: pipeline.dashboard.targets.engagement-to-spend.`;
  },
};

/** A bar per value of one dimension, for one measure. */
function byDimension(id, dim, measure, { horizontal = false, tip, sortBy = measure } = {}) {
  return {
    id,
    tip,
    load: (loader, ctx) => breakdown(loader, ctx, [dim]),
    option(rows, ctx) {
      if (!rows.length) return empty();
      const sorted = [...rows].sort((a, b) => (num(b[sortBy]) ?? -Infinity) - (num(a[sortBy]) ?? -Infinity));
      const names = sorted.map((r) => r[dim]);
      // every label shown (interval 0): a category hidden to save room would be a bar without a name
      const category = { type: 'category', data: names, inverse: horizontal, axisLabel: { interval: 0, width: horizontal ? 120 : 64, overflow: horizontal ? 'truncate' : 'break', fontSize: 11 } };
      const value = { type: 'value', axisLabel: { formatter: (v) => (measure === 'conversion_rate' ? `${Math.round(v * 100)} %` : fmt.compact(v)) } };
      return base(ctx, this, {
        grid: { left: 8, right: 56, top: 16, bottom: 8, containLabel: true },
        xAxis: horizontal ? value : category,
        yAxis: horizontal ? category : value,
        series: [{
          type: 'bar',
          name: MEASURES[measure].label,
          barMaxWidth: 36,
          label: { show: true, position: horizontal ? 'right' : 'top', formatter: (p) => MEASURES[measure].format(p.data.row[measure]) },
          data: sorted.map((r) => item(num(r[measure]), r, { dims: { [dim]: r[dim] } }, { title: r[dim] })),
        }],
      });
    },
    table: (rows) => ({
      columns: [col(dim, DIM_LABELS[dim]), ...tip.map((k) => col(k))],
      rows: rows.map((r) => ({ ...r, select: { dims: { [dim]: r[dim] } } })),
    }),
  };
}


const type = byDimension('type', 'campaign_type', 'cost_per_conversion', {
  horizontal: true,
  tip: ['cost_per_conversion', 'ad_spend', 'conversions', 'records'],
});

const format = byDimension('format', 'ad_format', 'conversion_rate', {
  tip: ['conversion_rate', 'conversions', 'clicks', 'records'],
});

const map = {
  id: 'map',
  tip: ['ad_spend', 'records', 'impressions', 'clicks', 'conversions'],
  tools: (ctx) => [
    { label: 'Shade by ad spend', pressed: ctx.state.map === 'ad_spend', apply: (s) => ({ ...s, map: 'ad_spend' }) },
    { label: 'by records', pressed: ctx.state.map === 'records', apply: (s) => ({ ...s, map: 'records' }) },
  ],
  load: (loader, ctx) => breakdown(loader, ctx, ['country']),
  option(rows, ctx) {
    if (!echarts.getMap('world')) return empty('The world map did not load');
    const metric = ctx.state.map;
    const max = Math.max(1, ...rows.map((r) => num(r[metric]) ?? 0));
    return base(ctx, this, {
      visualMap: {
        min: 0,
        max,
        left: 8,
        bottom: 8,
        calculable: false,
        itemHeight: 90,
        text: [MEASURES[metric].format(max), '0'],
        inRange: { color: ['#dbe8fb', '#0b63ce'] },
      },
      series: [{
        type: 'map',
        map: 'world',
        nameMap: MAP_NAMES,
        roam: true,
        scaleLimit: { min: 1, max: 8 },
        selectedMode: false,
        itemStyle: { areaColor: '#eef0f3', borderColor: '#c5cbd3', borderWidth: 0.5 },
        emphasis: { label: { show: true }, itemStyle: { areaColor: '#f2b86b' } },
        data: rows.map((r) => item(num(r[metric]) ?? 0, r, { dims: { country: r.country } }, { name: r.country, title: r.country })),
      }],
    });
  },
  table: (rows) => ({
    columns: [col('country', 'Country'), col('ad_spend'), col('records'), col('impressions'), col('clicks'), col('conversions')],
    rows: rows.map((r) => ({ ...r, select: { dims: { country: r.country } } })),
  }),
  note(rows) {
    const onMap = new Set((echarts.getMap('world')?.geoJSON?.features ?? []).map((f) => MAP_NAMES[f.properties.name] ?? f.properties.name));
    const missing = rows.map((r) => r.country).filter((c) => !onMap.has(c));
    return missing.length ? `Not on the map: ${missing.join(', ')} (see the data table).` : 'Scroll to zoom, drag to move.';
  },
};

const segment = {
  id: 'segment',
  tip: ['impressions', 'clicks', 'ctr', 'records'],
  load: (loader, ctx) => breakdown(loader, ctx, ['audience_segment']),
  option(rows, ctx) {
    if (!rows.length) return empty();
    const names = rows.map((r) => r.audience_segment);
    const select = (r) => ({ dims: { audience_segment: r.audience_segment } });
    const data = (key) => rows.map((r) => item(num(r[key]), r, select(r), { title: r.audience_segment }));
    return base(ctx, this, {
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      // five long names under narrow columns: slanted, every one shown
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: 25, fontSize: 10 } },
      yAxis: [
        { type: 'value', name: 'Count', nameTextStyle: { align: 'left' }, axisLabel: { formatter: (v) => fmt.compact(v) } },
        { type: 'value', name: 'CTR', nameTextStyle: { align: 'right' }, axisLabel: { formatter: (v) => `${(v * 100).toFixed(1)} %` }, splitLine: { show: false } },
      ],
      series: [
        { type: 'bar', name: 'Impressions', data: data('impressions'), barMaxWidth: 28 },
        { type: 'bar', name: 'Clicks', data: data('clicks'), barMaxWidth: 28 },
        { type: 'line', name: 'CTR', yAxisIndex: 1, data: data('ctr'), symbolSize: 9, z: 5 },
      ],
    });
  },
  table: (rows) => ({
    columns: [col('audience_segment', 'Audience segment'), col('impressions'), col('clicks'), col('ctr'), col('records')],
    rows: rows.map((r) => ({ ...r, select: { dims: { audience_segment: r.audience_segment } } })),
  }),
};

/** Campaigns the scatter plot shows, by ad spend. */
const TOP_CAMPAIGNS = 200;

const TOP_COMPANIES = 10;

const companyDevice = {
  id: 'company-device',
  tip: ['roi_score', 'conversions', 'ad_spend', 'records'],
  async load(loader, ctx) {
    // the top companies by spend (the unlimited list the company table also reads), then
    // every company × device row, kept for those companies
    const [companies, pairs] = await Promise.all([
      breakdown(loader, ctx, ['campaign_company']),
      breakdown(loader, ctx, ['campaign_company', 'device_type']),
    ]);
    const top = companies.slice(0, TOP_COMPANIES).map((r) => r.campaign_company);
    return { top, pairs: pairs.filter((r) => top.includes(r.campaign_company)) };
  },
  option({ top, pairs }, ctx) {
    if (!top.length) return empty();
    const devices = [...new Set(pairs.map((r) => r.device_type))].sort();
    const find = (company, device) => pairs.find((r) => r.campaign_company === company && r.device_type === device);
    return base(ctx, this, {
      legend: { top: 0 },
      grid: { left: 8, right: 40, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', name: 'ROI score', nameLocation: 'middle', nameGap: 24 },
      yAxis: { type: 'category', data: top, inverse: true, axisLabel: { width: 160, overflow: 'truncate' } },
      series: devices.map((device) => ({
        type: 'bar',
        name: device,
        barMaxWidth: 14,
        data: top.map((company) => {
          const r = find(company, device);
          return item(num(r?.roi_score), r, { dims: { campaign_company: company, device_type: device } }, { title: `${company} · ${device}` });
        }),
      })),
    });
  },
  table: ({ pairs }) => ({
    columns: [col('campaign_company', 'Company'), col('device_type', 'Device type'), col('roi_score'), col('conversions'), col('ad_spend'), col('records')],
    rows: pairs.map((r) => ({ ...r, select: { dims: { campaign_company: r.campaign_company, device_type: r.device_type } } })),
  }),
  note: () => `The ${TOP_COMPANIES} companies with the most ad spend in this view; ROI score = Σ conversions / Σ ad spend.`,
};

/** A chart over time at the grain the range calls for: two measures on two axes. */
function overTime(id, left, right, leftType) {
  return {
    id,
    tip: [left, right, 'ad_spend', 'records'].filter((k, i, a) => a.indexOf(k) === i),
    load: async (loader, ctx) => timeseries(loader, ctx, await ctx.grain),
    option(rows, ctx) {
      const points = series(rows, ctx, ctx.grain);
      if (!rows.length) return empty();
      const data = (key) => points.map((p) => item(num(p.row?.[key]), p.row, periodSelect(p.period), { title: p.period }));
      // axis names aligned inwards, so a long one is not cut at the chart's edge
      const axis = (key, align) => ({ type: 'value', name: MEASURES[key].label, nameTextStyle: { align }, axisLabel: { formatter: (v) => fmt.compact(v) } });
      return base(ctx, this, {
        legend: { top: 0 },
        grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: points.map((p) => p.period) },
        yAxis: [axis(left, 'left'), { ...axis(right, 'right'), splitLine: { show: false } }],
        series: [
          { type: leftType, name: MEASURES[left].label, data: data(left), barMaxWidth: 24, symbolSize: 7, connectNulls: false },
          { type: 'line', name: MEASURES[right].label, yAxisIndex: 1, data: data(right), symbolSize: 7, connectNulls: false, z: 5 },
        ],
      });
    },
    table: (rows, ctx) => ({
      columns: [col('period', 'Period'), col(left), col(right), col('ad_spend'), col('records')].filter((c, i, a) => a.findIndex((x) => x.key === c.key) === i),
      rows: rows.map((r) => ({ ...r, select: periodSelect(r.period) })),
    }),
    note: (rows, ctx) => `One point per ${ctx.grain} (chosen from the length of the range).`,
  };
}

const cpcCpm = overTime('cpc-cpm', 'cost_per_click', 'cost_per_mille', 'line');
const spend = overTime('spend', 'ad_spend', 'cost_per_conversion', 'bar');

const scatter = {
  id: 'scatter',
  tip: ['quality_score', 'cost_per_conversion', 'impressions', 'ad_spend', 'records'],
  // the campaigns with the most spend: two thousand labelled points took 170 ms to lay out
  load: (loader, ctx) => breakdown(loader, ctx, ['campaign_name'], TOP_CAMPAIGNS),
  option(rows, ctx) {
    const shown = rows.filter((r) => num(r.cost_per_conversion) != null && num(r.quality_score) != null);
    if (!shown.length) return empty(rows.length ? 'No campaign in this view has conversions' : undefined);
    const most = Math.max(1, ...shown.map((r) => num(r.impressions)));
    return base(ctx, this, {
      grid: { left: 8, right: 24, top: 24, bottom: 24, containLabel: true },
      xAxis: { type: 'value', name: 'Cost per conversion', nameLocation: 'middle', nameGap: 26, scale: true },
      yAxis: { type: 'value', name: 'Quality score', nameTextStyle: { align: 'left' }, scale: true },
      series: [{
        type: 'scatter',
        labelLayout: { hideOverlap: true },
        label: { show: true, position: 'right', fontSize: 10, color: '#5b6573', formatter: (p) => p.data.title },
        itemStyle: { opacity: 0.75 },
        data: shown.map((r) => item([num(r.cost_per_conversion), num(r.quality_score)], r,
          { dims: { campaign_name: r.campaign_name } },
          { title: r.campaign_name, symbolSize: 8 + 40 * Math.sqrt(num(r.impressions) / most) })),
      }],
    });
  },
  table: (rows) => ({
    columns: [col('campaign_name', 'Campaign'), col('quality_score'), col('cost_per_conversion'), col('impressions'), col('ad_spend'), col('records')],
    rows: rows.map((r) => ({ ...r, select: { dims: { campaign_name: r.campaign_name } } })),
  }),
  note(rows) {
    const left = rows.filter((r) => num(r.cost_per_conversion) == null || num(r.quality_score) == null).length;
    const top = rows.length === TOP_CAMPAIGNS ? `The ${TOP_CAMPAIGNS} campaigns with the most ad spend. ` : '';
    return top + (left ? `${left} campaign(s) without conversions have no cost per conversion and are left out.` : '');
  },
};

export const CHARTS = [impressions, engagement, type, format, map, segment, companyDevice, cpcCpm, spend, scatter];
