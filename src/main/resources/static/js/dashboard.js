// The dashboard (SPEC §12): reads the analytics API, draws every visual with ECharts, keeps
// the whole view in the URL, and redraws when the server says new records are queryable.
//
// Flow: URL → state → (filter bar, refresh) → summary first (cards, and the range that
// picks the time grain) → each visible panel's queries, shared within one refresh →
// render. Panels out of view are marked stale and load when scrolled to.

import { Api, Loader } from './dashboard/api.js';
import { el } from './dashboard/dom.js';
import { fmt, num, change, MEASURES } from './dashboard/format.js';
import { grainFor, addDays, length } from './dashboard/dates.js';
import { parse, pageQuery, dates, filterParams, withValues } from './dashboard/state.js';
import { CHARTS } from './dashboard/charts.js';
import { Panel } from './dashboard/panels.js';
import { CompanyTable } from './dashboard/table.js';
import { Filters } from './dashboard/filters.js';

const root = document.getElementById('dashboard');
const config = {
  enabled: root.dataset.enabled === 'true',
  api: new Api(root.dataset.api),
  records: root.dataset.records,
  targets: {
    impressions: Number(root.dataset.targetImpressions),
    engagement: Number(root.dataset.targetEngagement),
  },
};

/** The KPI cards, in order; revenue and ROAS only when some record in the view has revenue. */
const CARDS = ['ad_spend', 'impressions', 'clicks', 'conversions', 'cost_per_click', 'cost_per_mille', 'ctr',
  'conversion_rate', 'cost_per_conversion', 'roi_score', 'quality_score', 'revenue', 'roas'];
const NEEDS_REVENUE = new Set(['revenue', 'roas']);

let state = parse(window.location.search);
let ready = false; // the replica answers queries (status "ready")
let started = false; // the page shown, its options loaded and its live stream open: once

// ---- links and filters the panels share ----

/** A state with one element's filter applied: its dimension values, or its dates. */
function applySelect(s, select) {
  let next = withValues(s, select.dims ?? {});
  if (select.range) next = { ...next, range: 'custom', from: select.range.from, to: select.range.to };
  return next;
}

function recordsHref(select) {
  const query = filterParams(applySelect(state, select)).toString();
  return query ? `${config.records}?${query}` : config.records;
}

const page = {
  recordsHref,
  /** A click on a bar, a slice, a point, a country or a row: filter the whole page by it. */
  filter: (select) => update((s) => applySelect(s, select), 'push'),
  update: (fn, how) => update(fn, how),
};

// ---- the pieces of the page ----

const status = {
  box: document.getElementById('analytics-status'),
  text: document.getElementById('analytics-status-text'),
  progress: document.getElementById('analytics-progress'),
};
const live = { box: document.getElementById('live'), text: document.getElementById('live-text') };
const cardsBox = document.getElementById('cards');
const compareNote = document.getElementById('compare-note');
const filters = new Filters(document.getElementById('filters'), page);

// (none when the dashboard is turned off: its sections are hidden and no API answers)
const panels = config.enabled ? CHARTS.map((spec) => new Panel(document.querySelector(`[data-panel="${spec.id}"]`), spec, page)) : [];
if (config.enabled) panels.push(new CompanyTable(document.querySelector('[data-panel="companies"]'), page));

// Only panels on screen are re-read when data or filters change; the others when they scroll into view.
const observer = new IntersectionObserver((entries) => {
  for (const entry of entries) {
    const panel = panels.find((p) => p.section === entry.target);
    panel.visible = entry.isIntersecting;
    if (panel.visible && panel.stale) schedule();
  }
}, { rootMargin: '200px 0px' });
for (const panel of panels) observer.observe(panel.section);

const cards = new Map(CARDS.map((key) => {
  const value = el('p', { class: 'kpi-value', id: `kpi-${key}`, text: '…' });
  const delta = el('p', { class: 'kpi-change', id: `kpi-${key}-change` });
  const card = el('article', { class: 'kpi', id: `card-${key}`, hidden: NEEDS_REVENUE.has(key) },
    el('h2', { text: MEASURES[key].label }), value, delta);
  cardsBox.append(card);
  return [key, { card, value, delta }];
}));

// ---- state changes ----

/**
 * fn: state → next state. 'push' makes a history entry (Back undoes a filter), 'replace'
 * does not (sort order, map measure). Only a change of filters re-reads the data.
 */
function update(fn, how) {
  const before = filterParams(state).toString();
  state = fn(state);
  const query = pageQuery(state);
  const url = `${window.location.pathname}${query ? `?${query}` : ''}`;
  const same = url === `${window.location.pathname}${window.location.search}`;
  if (how === 'push' && !same) window.history.pushState(null, '', url); // no Back step that changes nothing
  else window.history.replaceState(null, '', url);
  showState();
  if (filterParams(state).toString() !== before) reload();
  else redraw();
}

window.addEventListener('popstate', () => {
  state = parse(window.location.search);
  showState();
  reload();
});

function showState() {
  filters.show(state, dates(state));
}

/** Draws again from the data in hand: the view changed, the filters did not. */
function redraw() {
  for (const panel of panels) {
    if (panel.ctx) {
      panel.ctx = { ...panel.ctx, state };
      panel.render(panel.data, panel.ctx);
    }
  }
}

// ---- refreshing ----

let generation = 0; // bumped by a change of filters: answers for older filters are dropped
let controller = null;
let running = false;
let pending = false;
let refreshes = 0;

/** New filters: everything is stale, requests for the old ones are cancelled. */
function reload() {
  generation += 1;
  controller?.abort();
  for (const panel of panels) panel.stale = true;
  schedule();
}

/** New data: everything is stale, the filters stay. */
function dataChanged() {
  for (const panel of panels) panel.stale = true;
  schedule();
  // the lists of companies and campaigns change rarely: during a bulk import, at most every 5 s
  if (!optionsTimer) optionsTimer = setTimeout(loadOptions, Math.max(0, optionsLoaded + 5000 - Date.now()));
}

/** At most one refresh runs; calls meanwhile fold into one more after it. */
function schedule() {
  pending = true;
  if (running || !ready || document.hidden) return;
  running = true;
  (async () => {
    while (pending && !document.hidden) {
      pending = false;
      await refresh();
    }
    running = false;
  })();
}

async function refresh() {
  const gen = generation;
  controller = new AbortController();
  const loader = new Loader(config.api, controller.signal);
  const params = () => filterParams(state);
  try {
    // every request at once: the panels' data does not depend on the summary, except
    // the time series' grain, which depends on the data's range and waits for it
    const drawing = loader.get('summary', params()).then((summary) => {
      const extent = { from: summary.from ?? null, to: summary.to ?? null };
      return {
        state,
        summary,
        extent,
        grain: extent.from && extent.to ? grainFor(extent.from, extent.to) : 'month',
        targets: config.targets,
        filterParams: params,
        recordsHref,
      };
    });
    const loading = { state, filterParams: params, grain: drawing.then((ctx) => ctx.grain) };
    const cardsDrawn = drawing.then((ctx) => {
      if (gen === generation) renderCards(ctx.summary);
    });
    const due = panels.filter((p) => p.stale && p.visible);
    await Promise.all([cardsDrawn, ...due.map(async (panel) => {
      panel.stale = false;
      try {
        const data = await panel.load(loader, loading);
        const ctx = await drawing;
        if (gen === generation) panel.render(data, ctx);
      } catch (error) {
        if (error.name === 'AbortError') return;
        panel.stale = true;
        throw error;
      }
    })]);
    if (gen !== generation) return;
    refreshes += 1;
    root.dataset.refreshes = String(refreshes);
    clearProblem();
  } catch (error) {
    if (error.name === 'AbortError') return;
    console.warn('dashboard refresh failed:', error.message);
    showProblem(`Could not read the analytics data: ${error.message}`);
    if (error.status !== 400) {
      // the replica may be warming up again, or gone: the status says which; then try again
      checkStatus(false);
      setTimeout(schedule, 5000);
    }
  }
}

function renderCards(summary) {
  const { current, previous } = summary;
  const hasRevenue = current.revenue != null;
  for (const [key, card] of cards) {
    card.card.hidden = NEEDS_REVENUE.has(key) && !hasRevenue;
    card.value.textContent = MEASURES[key].format(current[key]);
    const delta = change(current[key], previous[key]);
    card.delta.className = 'kpi-change';
    if (delta == null) {
      card.delta.textContent = num(previous[key]) == null || num(previous.records) === 0 ? 'no previous data' : '—';
    } else {
      const better = MEASURES[key].better;
      const good = better === 'up' ? delta > 0 : better === 'down' ? delta < 0 : null;
      if (delta !== 0 && good !== null) card.delta.classList.add(good ? 'good' : 'bad');
      const arrow = delta > 0 ? '▲' : delta < 0 ? '▼' : '■';
      card.delta.textContent = `${arrow} ${delta > 0 ? '+' : ''}${(delta * 100).toFixed(1)} % vs previous`;
    }
  }
  const from = summary.from;
  const to = summary.to;
  if (from && to) {
    const days = length(from, to);
    compareNote.textContent = `${fmt.count(current.records)} records from ${from} to ${to}; changes compare with the ${days} days before, ${addDays(from, -days)} to ${addDays(from, -1)} (${fmt.count(previous.records)} records).`;
  } else {
    compareNote.textContent = `${fmt.count(current.records)} records.`;
  }
}

// ---- the searchable lists and the year presets: from all the data, whatever the filters ----

let optionsLoaded = 0;
let optionsTimer = null;

async function loadOptions() {
  optionsLoaded = Date.now();
  optionsTimer = null;
  try {
    const [all, companies, campaigns] = await Promise.all([
      config.api.get('summary'),
      config.api.get('breakdown', new URLSearchParams({ by: 'campaign_company' })),
      config.api.get('breakdown', new URLSearchParams({ by: 'campaign_name' })),
    ]);
    filters.setYears(all.from, all.to);
    filters.setOptions('campaign_company', companies.rows);
    filters.setOptions('campaign_name', campaigns.rows);
  } catch (error) {
    console.warn('dashboard: the filter lists could not be read:', error.message);
  }
}

// ---- the replica's status: warming (with progress), unavailable (with its reason), ready ----

let statusTimer = null;

function showProblem(text, error = true) {
  status.box.hidden = false;
  status.box.classList.toggle('error', error);
  status.text.textContent = text;
}

function clearProblem() {
  if (ready) status.box.hidden = true;
}

/** @param resume whether a "ready" answer should refresh at once (not after a failed refresh) */
async function checkStatus(resume = true) {
  clearTimeout(statusTimer);
  let answer;
  try {
    answer = await config.api.get('status');
  } catch (error) {
    answer = { state: 'unavailable', message: `the server did not answer (${error.message})` };
  }
  root.dataset.status = answer.state;
  if (answer.state === 'ready') {
    status.progress.hidden = true;
    ready = true;
    if (!started) {
      // once only: ready turns false again while the replica rebuilds or the server is away,
      // and the EventSource reconnects by itself (a second one would refresh twice per change)
      started = true;
      status.box.hidden = true;
      document.getElementById('content').hidden = false;
      loadOptions();
      listen();
    }
    if (resume) schedule();
    return;
  }
  ready = false;
  if (answer.state === 'warming') {
    const share = Math.max(0, Math.min(1, Number(answer.progress) || 0));
    showProblem(`Preparing the analytics data: ${Math.round(share * 100)} % (${fmt.count(answer.records ?? 0)} records so far). The charts appear when it is done.`, false);
    status.progress.hidden = false;
    status.progress.value = share;
    statusTimer = setTimeout(checkStatus, 1000);
  } else {
    showProblem(`The dashboard's data is unavailable: ${String(answer.message ?? 'no reason given').replace(/\.$/, '')}. Trying again every 5 seconds.`);
    status.progress.hidden = true;
    statusTimer = setTimeout(checkStatus, 5000);
  }
}

// ---- live: the server announces new queryable records; the view keeps its filters ----

function listen() {
  const source = new EventSource(config.api.url('events'));
  const show = (on, text) => {
    live.box.classList.toggle('on', on);
    live.box.classList.toggle('off', !on);
    live.text.textContent = text;
  };
  source.addEventListener('open', () => show(true, 'Live: new records appear as they arrive'));
  source.addEventListener('changed', (event) => {
    let records = null;
    try {
      records = JSON.parse(event.data).records;
    } catch {
      // a changed event without a count still means new data
    }
    show(true, records == null ? 'Live' : `Live: ${fmt.count(records)} records`);
    dataChanged();
  });
  // EventSource reconnects by itself; say so meanwhile
  source.addEventListener('error', () => show(false, 'Live updates interrupted, reconnecting…'));
}

document.addEventListener('visibilitychange', () => {
  if (!document.hidden) schedule();
});

// ---- start ----

if (config.enabled) {
  showState();
  checkStatus();
} else {
  live.text.textContent = 'Off';
}
