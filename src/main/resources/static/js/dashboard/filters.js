// The filter bar: the channel slicer, the date range, a multi-select per category (the
// company and campaign ones searchable), data quality, and the active filters as chips.
// It only shows a state and reports the next one; the page owns the state and the URL.

import { el, icon } from './dom.js';
import { fmt } from './format.js';
import { isDate, presetLabel } from './dates.js';
import { DIMS, DIM_LABELS, rangeLabel, hasFilters, withDim, without, cleared } from './state.js';

export class Filters {
  /**
   * @param root the #filters section
   * @param page {update(fn, how), recordsHref(select)}
   */
  constructor(root, page) {
    this.root = root;
    this.page = page;
    this.state = null;
    this.slicer = [...root.querySelectorAll('#slicer button.channel')];
    this.range = root.querySelector('#range');
    this.custom = root.querySelector('#custom-range');
    this.from = root.querySelector('#from');
    this.to = root.querySelector('#to');
    this.quality = root.querySelector('#data_quality');
    this.chips = root.querySelector('#chips');
    this.selects = new Map([...root.querySelectorAll('details.ms')].map((d) => [d.dataset.dim, d]));

    for (const button of this.slicer) {
      button.addEventListener('click', () => {
        const value = button.dataset.value;
        this.page.update((s) => {
          const current = s.dims.marketing_channel ?? [];
          const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
          return withDim(s, 'marketing_channel', next);
        }, 'push');
      });
    }
    this.range.addEventListener('change', () => this.rangeChanged());
    for (const input of [this.from, this.to]) input.addEventListener('change', () => this.customChanged());
    this.quality.addEventListener('change', () => this.page.update((s) => ({ ...s, quality: this.quality.value }), 'push'));
    for (const [dim, details] of this.selects) this.wireMultiSelect(dim, details);
    // one open list at a time; a click elsewhere or Escape closes it
    document.addEventListener('click', (event) => {
      for (const details of this.selects.values()) if (details.open && !details.contains(event.target)) details.open = false;
    });
    document.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      for (const details of this.selects.values()) {
        if (details.open) {
          details.open = false;
          details.querySelector('summary').focus();
        }
      }
    });
  }

  wireMultiSelect(dim, details) {
    const options = details.querySelector('.ms-options');
    options.addEventListener('change', () => {
      const values = [...options.querySelectorAll('input:checked')].map((box) => box.value);
      this.page.update((s) => withDim(s, dim, values), 'push');
    });
    const search = details.querySelector('input[type=search]');
    if (search) {
      search.addEventListener('input', () => this.applySearch(details));
      details.addEventListener('toggle', () => {
        if (details.open) search.focus();
      });
    }
  }

  applySearch(details) {
    const search = details.querySelector('input[type=search]');
    const needle = search ? search.value.trim().toLocaleLowerCase() : '';
    let shown = 0;
    for (const label of details.querySelectorAll('.ms-options label')) {
      const hit = !needle || label.dataset.value.toLocaleLowerCase().includes(needle);
      label.hidden = !hit;
      if (hit) shown += 1;
    }
    const fieldset = details.querySelector('.ms-options');
    let none = fieldset.querySelector('.ms-empty');
    if (!shown && !none) fieldset.append(none = el('p', { class: 'ms-empty', text: 'Nothing matches' }));
    if (none) none.hidden = shown > 0;
  }

  /**
   * The values a searchable list offers: every company (or campaign) in the data with its
   * record count, and any the URL selects that the data lacks.
   */
  setOptions(dim, rows) {
    const details = this.selects.get(dim);
    if (!details) return;
    const fieldset = details.querySelector('.ms-options');
    const legend = fieldset.querySelector('legend');
    const counts = new Map(rows.map((r) => [r[dim], r.records]));
    const selected = this.state?.dims[dim] ?? [];
    const values = [...new Set([...counts.keys(), ...selected])].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }));
    fieldset.replaceChildren(legend, ...values.map((value) => el('label', { 'data-value': value },
      el('input', { type: 'checkbox', value, checked: selected.includes(value) }),
      el('span', { text: value }),
      el('span', { class: 'count', text: counts.has(value) ? fmt.count(counts.get(value)) : '0' }))));
    this.applySearch(details);
  }

  /** Years of the data as extra date presets. */
  setYears(from, to) {
    for (const option of [...this.range.options]) if (/^y\d{4}$/.test(option.value)) option.remove();
    if (!isDate(from) || !isDate(to)) return;
    const custom = this.range.querySelector('option[value=custom]');
    for (let y = Number(to.slice(0, 4)); y >= Number(from.slice(0, 4)); y -= 1) {
      custom.before(el('option', { value: `y${y}`, text: presetLabel(`y${y}`) }));
    }
    if (this.state) this.range.value = this.state.range;
  }

  rangeChanged() {
    const key = this.range.value;
    if (key === 'custom') {
      // keep the dates the preset stood for as a starting point
      this.custom.hidden = false;
      this.from.focus();
      return;
    }
    this.page.update((s) => ({ ...s, range: key, from: null, to: null }), 'push');
  }

  customChanged() {
    const from = isDate(this.from.value) ? this.from.value : null;
    const to = isDate(this.to.value) ? this.to.value : null;
    this.page.update((s) => ({ ...s, range: from || to ? 'custom' : 'all', from, to }), 'push');
  }

  /** Shows a state: every control and the chips. */
  show(state, resolved) {
    this.state = state;
    for (const button of this.slicer) {
      button.setAttribute('aria-pressed', String((state.dims.marketing_channel ?? []).includes(button.dataset.value)));
    }
    if (![...this.range.options].some((o) => o.value === state.range)) {
      this.range.append(el('option', { value: state.range, text: presetLabel(state.range) }));
    }
    this.range.value = state.range;
    this.custom.hidden = state.range !== 'custom';
    this.from.value = resolved.from ?? '';
    this.to.value = resolved.to ?? '';
    this.quality.value = state.quality;
    for (const [dim, details] of this.selects) {
      const selected = state.dims[dim] ?? [];
      const fieldset = details.querySelector('.ms-options');
      for (const value of selected) {
        if (![...fieldset.querySelectorAll('input')].some((box) => box.value === value)) {
          fieldset.append(el('label', { 'data-value': value }, el('input', { type: 'checkbox', value }), el('span', { text: value })));
        }
      }
      for (const label of fieldset.querySelectorAll('label')) {
        label.dataset.value = label.querySelector('input').value;
      }
      for (const box of fieldset.querySelectorAll('input')) box.checked = selected.includes(box.value);
      const summary = details.querySelector('summary');
      summary.textContent = selected.length === 0 ? 'All' : selected.length === 1 ? selected[0] : `${selected.length} selected`;
      summary.setAttribute('aria-label', `${DIM_LABELS[dim]}: ${summary.textContent}`);
    }
    this.renderChips(state);
  }

  renderChips(state) {
    const chip = (label, value, remove) => el('button', {
      type: 'button',
      class: 'chip',
      'aria-label': `Remove filter ${label}: ${value}`,
      onclick: () => this.page.update(remove, 'push'),
    }, `${label}: `, el('strong', { text: value }), icon('bi-x-lg'));
    const chips = [];
    if (state.range !== 'all') chips.push(chip('Dates', rangeLabel(state), (s) => ({ ...s, range: 'all', from: null, to: null })));
    for (const dim of DIMS) {
      for (const value of state.dims[dim] ?? []) chips.push(chip(DIM_LABELS[dim], value, (s) => without(s, dim, value)));
    }
    if (state.quality) chips.push(chip(DIM_LABELS.data_quality, state.quality, (s) => ({ ...s, quality: '' })));
    if (hasFilters(state)) {
      chips.push(el('button', { type: 'button', class: 'link-button', id: 'clear-filters', onclick: () => this.page.update(cleared, 'push') },
        icon('bi-x-circle'), ' Clear all'));
    } else {
      chips.push(el('span', { class: 'chips-label' }, icon('bi-funnel'), ' No filters: all records. Click a bar, a point or a country to filter.'));
    }
    chips.push(el('a', { class: 'records-link', id: 'all-records', href: this.page.recordsHref({}) }, icon('bi-box-arrow-up-right'), ' Show the matching records'));
    // keep the keyboard where it was: a removed chip hands focus to the chips group
    const hadFocus = this.chips.contains(document.activeElement);
    this.chips.replaceChildren(...chips);
    if (hadFocus) (this.chips.querySelector('button.chip') ?? this.chips.querySelector('button, a'))?.focus();
  }
}
