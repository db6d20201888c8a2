// Building DOM without HTML strings. Everything a user typed (company and campaign names)
// reaches the page through textContent / text nodes here, so it can never become markup,
// and nothing sets a style attribute (the Content-Security-Policy forbids inline styles).

/**
 * el('a', {href, class: 'x', text: 'label', onclick: fn}, child, 'text', …)
 * Attributes with null/false are left out; true gives an empty attribute.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value == null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child != null && child !== false) node.append(child); // strings become text nodes
  }
  return node;
}

/** A Bootstrap Icons glyph, hidden from screen readers (the text beside it says it). */
export function icon(name) {
  return el('i', { class: `bi ${name}`, 'aria-hidden': 'true' });
}
