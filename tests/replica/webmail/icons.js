// @ts-check
/**
 * The webmail's icon set. Infomaniak renders an icon font as `<i class="icon icon-…">`; the replica keeps that
 * outer markup but draws each glyph as a small inline SVG built here, so it needs no font file, no data: URL and
 * nothing the page's CSP would have to allow. Every path was drawn for the replica on a 24×24 grid.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * A full circle as a path fragment, so each icon stays a single <path>.
 * @param {number} cx @param {number} cy @param {number} r
 */
function circle(cx, cy, r) {
  return `M${cx - r} ${cy}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`;
}

/** @type {Record<string, string>} */
const PATHS = {
  menu: 'M4 7h16M4 12h16M4 17h16',
  search: `${circle(11, 11, 6.5)}M20 20l-4.3-4.3`,
  sun: `${circle(12, 12, 4)}M12 2.5v2M12 19.5v2M2.5 12h2M19.5 12h2M5.3 5.3l1.4 1.4M17.3 17.3l1.4 1.4M5.3 18.7l1.4-1.4M17.3 6.7l1.4-1.4`,
  moon: 'M20 14.6A8.2 8.2 0 0 1 9.4 4a8.2 8.2 0 1 0 10.6 10.6z',
  inbox:
    'M3.5 13.5L6.2 5.8A1.2 1.2 0 0 1 7.3 5h9.4a1.2 1.2 0 0 1 1.1.8l2.7 7.7V18a1.5 1.5 0 0 1-1.5 1.5H5A1.5 1.5 0 0 1 3.5 18zM3.5 13.5H8.5l1.2 2.2h4.6l1.2-2.2h5',
  send: 'M20.5 3.5L10.2 13.8M20.5 3.5l-6.4 17-3.9-6.7-6.7-3.9z',
  draft: 'M4 20h4.2L19.3 8.9a1.6 1.6 0 0 0 0-2.3l-1.9-1.9a1.6 1.6 0 0 0-2.3 0L4 15.8zM13.6 6.2l4.2 4.2',
  archive:
    'M3.5 5.5a1 1 0 0 1 1-1h15a1 1 0 0 1 1 1V8a1 1 0 0 1-1 1h-15a1 1 0 0 1-1-1zM5 9v9.5A1.5 1.5 0 0 0 6.5 20h11a1.5 1.5 0 0 0 1.5-1.5V9M10 12.5h4',
  spam: 'M12 3.5l9 16H3zM12 9.5v4.5M12 17v.2',
  trash: 'M4 6.5h16M9.5 6.5V4h5v2.5M6 6.5l.9 13a1 1 0 0 0 1 .9h8.2a1 1 0 0 0 1-.9l.9-13M10 10.5v6M14 10.5v6',
  folder:
    'M3.5 6.5A1.5 1.5 0 0 1 5 5h4.3l2 2.2H19a1.5 1.5 0 0 1 1.5 1.5v9.3A1.5 1.5 0 0 1 19 19.5H5A1.5 1.5 0 0 1 3.5 18z',
  attachment:
    'M19.5 11.2l-7.6 7.6a4.6 4.6 0 0 1-6.5-6.5l8-8a3.1 3.1 0 0 1 4.4 4.4l-7.9 7.9a1.5 1.5 0 0 1-2.2-2.2l7.3-7.3',
  star: 'M12 3.8l2.5 5.2 5.7.8-4.1 4 1 5.6-5.1-2.7-5.1 2.7 1-5.6-4.1-4 5.7-.8z',
  reply: 'M9.5 7.5L4.5 12l5 4.5M4.5 12h9a6 6 0 0 1 6 6v.5',
  'reply-all': 'M12 7.5L7 12l5 4.5M7 12h7a5.5 5.5 0 0 1 5.5 5.5v1M7.5 7.5L3 12l4.5 4.5',
  forward: 'M14.5 7.5l5 4.5-5 4.5M19.5 12h-9a6 6 0 0 0-6 6v.5',
  'chevron-down': 'M6.5 9.5l5.5 5.5 5.5-5.5',
  'chevron-left': 'M14.5 6l-6 6 6 6',
  download: 'M12 4v11M7.5 10.8L12 15.3l4.5-4.5M5 19.5h14',
  refresh: 'M19.5 12a7.5 7.5 0 1 1-2.2-5.3M19.5 4.5v4h-4',
  mail: 'M4.5 5.5h15a1.5 1.5 0 0 1 1.5 1.5v10a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 3 17V7a1.5 1.5 0 0 1 1.5-1.5zM3.5 7l8.5 6 8.5-6',
  'mail-open': 'M3.5 10L12 4.5l8.5 5.5v8.5a1.5 1.5 0 0 1-1.5 1.5H5a1.5 1.5 0 0 1-1.5-1.5zM3.5 10l8.5 5.5 8.5-5.5',
  drive: 'M7.2 18.5a4.2 4.2 0 0 1-.6-8.4 5.8 5.8 0 0 1 11.1 1.3 3.6 3.6 0 0 1-.2 7.1z',
  calendar:
    'M5 5.5h14a1.5 1.5 0 0 1 1.5 1.5v11.5A1.5 1.5 0 0 1 19 20H5a1.5 1.5 0 0 1-1.5-1.5V7A1.5 1.5 0 0 1 5 5.5zM3.5 10h17M8 3.5v4M16 3.5v4',
  contacts: `${circle(12, 8.8, 3.6)}M5 20a7 7 0 0 1 14 0`,
  chat: 'M5 4.5h14A1.5 1.5 0 0 1 20.5 6v9a1.5 1.5 0 0 1-1.5 1.5h-8.5L5.5 20.5v-4H5A1.5 1.5 0 0 1 3.5 15V6A1.5 1.5 0 0 1 5 4.5z',
  meet: 'M4.5 7h10a1.5 1.5 0 0 1 1.5 1.5v7a1.5 1.5 0 0 1-1.5 1.5h-10A1.5 1.5 0 0 1 3 15.5v-7A1.5 1.5 0 0 1 4.5 7zM16 11l5-3v8l-5-3',
  apps: 'M5 5h3v3H5zM10.5 5h3v3h-3zM16 5h3v3h-3zM5 10.5h3v3H5zM10.5 10.5h3v3h-3zM16 10.5h3v3h-3zM5 16h3v3H5zM10.5 16h3v3h-3zM16 16h3v3h-3z',
  file: 'M6.5 3.5h7.5l4.5 4.5v11a1.5 1.5 0 0 1-1.5 1.5h-10.5A1.5 1.5 0 0 1 5 19V5a1.5 1.5 0 0 1 1.5-1.5zM13.5 3.5V8.5h5',
  image:
    'M5 4.5h14A1.5 1.5 0 0 1 20.5 6v12a1.5 1.5 0 0 1-1.5 1.5H5A1.5 1.5 0 0 1 3.5 18V6A1.5 1.5 0 0 1 5 4.5zM3.5 16l5-5 4 4 2.5-2.5 5.5 5.5' +
    circle(15.5, 8.5, 1.5),
  more: `${circle(12, 5.5, 0.6)}${circle(12, 12, 0.6)}${circle(12, 18.5, 0.6)}`,
  close: 'M6 6l12 12M18 6L6 18',
  pencil: 'M4 20h4.2L19.3 8.9a1.6 1.6 0 0 0 0-2.3l-1.9-1.9a1.6 1.6 0 0 0-2.3 0L4 15.8z',
  tag: 'M3.5 12.3V4.5a1 1 0 0 1 1-1h7.8l8.7 8.7a1 1 0 0 1 0 1.4l-7.3 7.3a1 1 0 0 1-1.4 0z' + circle(8, 8, 1.3),
  people: `${circle(9, 9, 3)}${circle(16.5, 10, 2.3)}M3.5 19a5.5 5.5 0 0 1 11 0M14.5 15.2a4.5 4.5 0 0 1 6 3.8`,
  clock: `${circle(12, 12, 8.5)}M12 7.5V12l3 2`,
  schedule: `${circle(12, 13, 7.5)}M12 9.5V13l2.5 1.5M9.5 3h5`,
  settings: `M4 7h9M17 7h3M4 17h3M11 17h9${circle(15, 7, 2)}${circle(9, 17, 2)}`,
  help: `${circle(12, 12, 8.5)}M9.6 9.5a2.5 2.5 0 0 1 4.8 1c0 1.7-2.4 2-2.4 3.5M12 17v.2`,
  shield: 'M12 3.5l7 2.8v5.4c0 4.3-2.9 7.6-7 8.8-4.1-1.2-7-4.5-7-8.8V6.3z',
  lock: 'M6.5 10.5h11a1 1 0 0 1 1 1v7.5a1 1 0 0 1-1 1h-11a1 1 0 0 1-1-1v-7.5a1 1 0 0 1 1-1zM8.5 10.5V8a3.5 3.5 0 0 1 7 0v2.5',
};

/** @type {Map<string, HTMLElement>} */
const built = new Map();

/**
 * Builds the icon once per name; rows of a long list then only pay for a cloneNode.
 * @param {string} name
 */
function template(name) {
  let node = built.get(name);
  if (!node) {
    node = document.createElement('i');
    node.className = `icon icon-${name}`;
    node.setAttribute('aria-hidden', 'true');
    const svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('focusable', 'false');
    const path = document.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', PATHS[name] ?? PATHS.file);
    svg.append(path);
    node.append(svg);
    built.set(name, node);
  }
  return node;
}

/**
 * `<i class="icon icon-{name}">` with its glyph.
 * @param {string} name
 * @returns {HTMLElement}
 */
export function icon(name) {
  return /** @type {HTMLElement} */ (template(name).cloneNode(true));
}
