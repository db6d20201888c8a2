// Calendar dates as ISO strings (yyyy-MM-dd). Arithmetic runs in UTC so a daylight-saving
// switch never turns one day into 23 hours; "today" is the analyst's local date.

const DAY = 86400000;

export function parse(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

export function iso(date) {
  return date.toISOString().slice(0, 10);
}

export function today() {
  const now = new Date();
  return iso(new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate())));
}

export function addDays(isoDate, days) {
  return iso(new Date(parse(isoDate).getTime() + days * DAY));
}

/** Days from a to b, both included. */
export function length(a, b) {
  return Math.round((parse(b) - parse(a)) / DAY) + 1;
}

export function isDate(text) {
  return typeof text === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(text) && iso(parse(text)) === text;
}

function monthStart(isoDate, monthsBack = 0) {
  const d = parse(isoDate);
  return iso(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - monthsBack, 1)));
}

function monthEnd(isoDate) {
  const d = parse(isoDate);
  return iso(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)));
}

/** The ISO week of a date as yyyy-Www (week-based year: 2024-12-30 is 2025-W01). */
export function isoWeek(isoDate) {
  const d = parse(isoDate);
  const weekday = (d.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(d.getTime() + (3 - weekday) * DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / DAY / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Monday of an ISO week yyyy-Www. */
function weekStart(period) {
  const [year, week] = period.split('-W').map(Number);
  const jan4 = Date.UTC(year, 0, 4);
  const jan4Weekday = (new Date(jan4).getUTCDay() + 6) % 7;
  return iso(new Date(jan4 + ((week - 1) * 7 - jan4Weekday) * DAY));
}

/** The first and last day of a period as the timeseries API names it. */
export function periodRange(period) {
  if (/^\d{4}-W\d{2}$/.test(period)) {
    const from = weekStart(period);
    return { from, to: addDays(from, 6) };
  }
  if (/^\d{4}-\d{2}$/.test(period)) {
    return { from: `${period}-01`, to: monthEnd(`${period}-01`) };
  }
  return { from: period, to: period };
}

/** Every period of a grain from one date to another, so gaps in the data show as gaps. */
export function periods(grain, from, to) {
  const out = [];
  if (grain === 'month') {
    for (let d = monthStart(from); d <= to; d = monthStart(addDays(monthEnd(d), 1))) out.push(d.slice(0, 7));
  } else if (grain === 'week') {
    for (let d = weekStart(isoWeek(from)); d <= to; d = addDays(d, 7)) out.push(isoWeek(d));
  } else {
    for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  }
  return out;
}

/** Day, week or month, whichever gives a readable number of points for the range. */
export function grainFor(from, to) {
  const days = length(from, to);
  if (days <= 62) return 'day';
  if (days <= 370) return 'week';
  return 'month';
}

/**
 * The date presets: key → label and the range it stands for, relative to today.
 * "yYYYY" (a calendar year of the data) is added by the page.
 */
export const PRESETS = {
  all: { label: 'All data', range: () => ({ from: null, to: null }) },
  '7d': { label: 'Last 7 days', range: (t) => ({ from: addDays(t, -6), to: t }) },
  '30d': { label: 'Last 30 days', range: (t) => ({ from: addDays(t, -29), to: t }) },
  '90d': { label: 'Last 90 days', range: (t) => ({ from: addDays(t, -89), to: t }) },
  month: { label: 'This month', range: (t) => ({ from: monthStart(t), to: t }) },
  'last-month': { label: 'Last month', range: (t) => ({ from: monthStart(t, 1), to: monthEnd(monthStart(t, 1)) }) },
  quarter: {
    label: 'This quarter',
    range: (t) => ({ from: monthStart(t, (parse(t).getUTCMonth() % 3)), to: t }),
  },
  ytd: { label: 'This year to date', range: (t) => ({ from: `${t.slice(0, 4)}-01-01`, to: t }) },
  'last-year': {
    label: 'Last year',
    range: (t) => {
      const y = Number(t.slice(0, 4)) - 1;
      return { from: `${y}-01-01`, to: `${y}-12-31` };
    },
  },
};

export function isPreset(key) {
  return Object.hasOwn(PRESETS, key) || /^y\d{4}$/.test(key);
}

export function presetRange(key, t = today()) {
  if (/^y\d{4}$/.test(key)) return { from: `${key.slice(1)}-01-01`, to: `${key.slice(1)}-12-31` };
  return PRESETS[key].range(t);
}

export function presetLabel(key) {
  if (/^y\d{4}$/.test(key)) return `Year ${key.slice(1)}`;
  return PRESETS[key]?.label ?? key;
}
