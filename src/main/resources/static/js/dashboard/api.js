// The analytics JSON API (package dev.campaignpipe.analytics): GET only, filters as
// repeated query parameters, 400 {"errors": {...}} for a bad one.

export class ApiError extends Error {
  constructor(status, body) {
    const errors = body && body.errors ? Object.entries(body.errors).map(([k, v]) => `${k}: ${v}`).join('; ') : '';
    super(errors || `the analytics API answered ${status}`);
    this.status = status;
  }
}

export class Api {
  constructor(base) {
    this.base = base.replace(/\/$/, '');
  }

  url(path, params) {
    const query = params ? params.toString() : '';
    return `${this.base}/${path}${query ? `?${query}` : ''}`;
  }

  async get(path, params, signal) {
    const response = await fetch(this.url(path, params), { headers: { Accept: 'application/json' }, signal });
    let body = null;
    try {
      body = await response.json();
    } catch {
      // an error page or an empty body: the status says enough
    }
    if (!response.ok) throw new ApiError(response.status, body);
    return body;
  }
}

/**
 * The requests of one refresh, each made once however many visuals need it (the two
 * time-series charts share one query, the company table and the ROI chart another).
 */
export class Loader {
  constructor(api, signal) {
    this.api = api;
    this.signal = signal;
    this.cache = new Map();
  }

  get(path, params) {
    const key = this.api.url(path, params);
    if (!this.cache.has(key)) this.cache.set(key, this.api.get(path, params, this.signal));
    return this.cache.get(key);
  }
}
