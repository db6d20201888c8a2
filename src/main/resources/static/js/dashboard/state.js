// The page's whole state, and its two spellings: the page URL (bookmarks, shared links,
// reload) and the analytics API's query parameters. The filter names are the API's own,
// so the page URL reads like the queries it makes and like the /records link.

import { isDate, isPreset, presetRange, presetLabel } from './dates.js';

/** Filterable dimensions, in the order their chips appear. */
export const DIMS = ['marketing_channel', 'campaign_type', 'ad_format', 'device_type', 'country',
  'audience_segment', 'campaign_company', 'campaign_name'];

export const DIM_LABELS = {
  marketing_channel: 'Channel',
  campaign_type: 'Campaign type',
  ad_format: 'Ad format',
  device_type: 'Device type',
  country: 'Country',
  audience_segment: 'Audience segment',
  campaign_company: 'Company',
  campaign_name: 'Campaign',
  data_quality: 'Data quality',
};

export const QUALITY = ['clean', 'flagged'];

const DEFAULT_SORT = '-ad_spend';
const DEFAULT_MAP = 'ad_spend';

/**
 * {range: 'all' | preset | 'custom', from, to, dims: {dim: [values]}, quality: '' | 'clean' |
 * 'flagged', sort: '-ad_spend' (leading minus: descending), map: 'ad_spend' | 'records'}
 */
export function parse(search) {
  const p = new URLSearchParams(search);
  const state = { range: 'all', from: null, to: null, dims: {}, quality: '', sort: DEFAULT_SORT, map: DEFAULT_MAP };
  const range = p.get('range');
  const from = p.get('from');
  const to = p.get('to');
  if (range && isPreset(range)) {
    state.range = range;
  } else if (isDate(from) || isDate(to)) {
    state.range = 'custom';
    state.from = isDate(from) ? from : null;
    state.to = isDate(to) ? to : null;
  }
  for (const dim of DIMS) {
    const values = [...new Set(p.getAll(dim).filter((v) => v !== ''))];
    if (values.length) state.dims[dim] = values;
  }
  const quality = p.get('data_quality');
  if (QUALITY.includes(quality)) state.quality = quality;
  const sort = p.get('sort');
  if (sort && /^-?[a-z_]+$/.test(sort)) state.sort = sort;
  if (p.get('map') === 'records') state.map = 'records';
  return state;
}

/** The page's query string for a state (defaults left out, so plain links stay short). */
export function pageQuery(state) {
  const p = new URLSearchParams();
  if (state.range === 'custom') {
    if (state.from) p.append('from', state.from);
    if (state.to) p.append('to', state.to);
  } else if (state.range !== 'all') {
    p.append('range', state.range);
  }
  appendFilters(p, state);
  if (state.sort !== DEFAULT_SORT) p.append('sort', state.sort);
  if (state.map !== DEFAULT_MAP) p.append('map', state.map);
  return p.toString();
}

/** The dates a state stands for today: {from, to}, either null for "from the start" / "to the end". */
export function dates(state) {
  if (state.range === 'custom') return { from: state.from, to: state.to };
  return presetRange(state.range);
}

/** The API's filter parameters (also the /records page's): dates resolved, categories, quality. */
export function filterParams(state, extra = {}) {
  const p = new URLSearchParams();
  const range = extra.range ?? dates(state);
  if (range.from) p.append('from', range.from);
  if (range.to) p.append('to', range.to);
  appendFilters(p, withValues(state, extra.dims ?? {}));
  return p;
}

function appendFilters(p, state) {
  for (const dim of DIMS) for (const value of state.dims[dim] ?? []) p.append(dim, value);
  if (state.quality) p.append('data_quality', state.quality);
}

/** A copy of the state whose dimensions hold these values too ({dim: value}). */
export function withValues(state, additions) {
  const dims = { ...state.dims };
  for (const [dim, value] of Object.entries(additions)) {
    const current = dims[dim] ?? [];
    if (!current.includes(value)) dims[dim] = [...current, value];
  }
  return { ...state, dims };
}

export function without(state, dim, value) {
  const dims = { ...state.dims };
  dims[dim] = (dims[dim] ?? []).filter((v) => v !== value);
  if (!dims[dim].length) delete dims[dim];
  return { ...state, dims };
}

export function withDim(state, dim, values) {
  const dims = { ...state.dims };
  if (values.length) dims[dim] = values;
  else delete dims[dim];
  return { ...state, dims };
}

export function cleared(state) {
  return { ...state, range: 'all', from: null, to: null, dims: {}, quality: '' };
}

export function hasFilters(state) {
  return state.range !== 'all' || state.quality !== '' || Object.keys(state.dims).length > 0;
}

/** What the date part of a state says, for its chip. */
export function rangeLabel(state) {
  if (state.range === 'custom') return `${state.from ?? 'start'} – ${state.to ?? 'end'}`;
  return presetLabel(state.range);
}
