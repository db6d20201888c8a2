// Numbers for people, the way the rest of the product shows them (KpiDisplay): grouping
// commas, a dot for decimals, money to 2 decimals, rates as percentages, "—" where a
// ratio is undefined (a zero denominator gives null in the API, never 0).

export const DASH = '—';

const formats = new Map();
function nf(min, max) {
  const key = `${min}/${max}`;
  if (!formats.has(key)) {
    formats.set(key, new Intl.NumberFormat('en-US', { minimumFractionDigits: min, maximumFractionDigits: max }));
  }
  return formats.get(key);
}

const isNum = (v) => v != null && v !== '' && Number.isFinite(Number(v));

export const fmt = {
  count: (v) => (isNum(v) ? nf(0, 0).format(Number(v)) : DASH),
  money: (v) => (isNum(v) ? nf(2, 2).format(Number(v)) : DASH),
  percent: (v) => (isNum(v) ? `${nf(2, 2).format(Number(v) * 100)} %` : DASH),
  number2: (v) => (isNum(v) ? nf(2, 2).format(Number(v)) : DASH),
  number4: (v) => (isNum(v) ? nf(4, 4).format(Number(v)) : DASH),
  times: (v) => (isNum(v) ? `${nf(2, 2).format(Number(v))}×` : DASH),
  /** Short form for axes: 1.2k, 3.4M. */
  compact: (v) => (isNum(v) ? new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }).format(Number(v)) : ''),
  text: (v) => (v == null ? DASH : String(v)),
};

/** A value as a JS number, or null (the API sends numbers; null stays null). */
export function num(v) {
  return isNum(v) ? Number(v) : null;
}

/**
 * The measures the page shows: the key in the API's totals, a label, how to print it,
 * and which direction is good (so a change can be coloured; null: neither).
 */
export const MEASURES = {
  records: { label: 'Records', format: fmt.count, better: null },
  ad_spend: { label: 'Ad spend', format: fmt.money, better: null },
  impressions: { label: 'Impressions', format: fmt.count, better: 'up' },
  clicks: { label: 'Clicks', format: fmt.count, better: 'up' },
  conversions: { label: 'Conversions', format: fmt.count, better: 'up' },
  cost_per_click: { label: 'Cost per click', format: fmt.money, better: 'down' },
  cost_per_mille: { label: 'Cost per mille', format: fmt.money, better: 'down' },
  ctr: { label: 'CTR', format: fmt.percent, better: 'up' },
  conversion_rate: { label: 'Conversion rate', format: fmt.percent, better: 'up' },
  cost_per_conversion: { label: 'Cost per conversion', format: fmt.money, better: 'down' },
  roi_score: { label: 'ROI score', format: fmt.number4, better: 'up' },
  quality_score: { label: 'Quality score', format: fmt.number2, better: 'up' },
  engagement_to_spend_ratio: { label: 'Clicks per unit of spend', format: fmt.number4, better: 'up' },
  revenue: { label: 'Revenue', format: fmt.money, better: 'up' },
  roas: { label: 'ROAS', format: fmt.times, better: 'up' },
  roi: { label: 'ROI', format: fmt.percent, better: 'up' },
};

/** Relative change from previous to current, or null when there is nothing to compare with. */
export function change(current, previous) {
  const c = num(current);
  const p = num(previous);
  if (c == null || p == null || p === 0) return null;
  return (c - p) / Math.abs(p);
}
