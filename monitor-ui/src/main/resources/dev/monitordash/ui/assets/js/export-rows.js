// Counts the requests in an export while its bytes arrive, for the progress bar: a byte-level scan that
// knows just enough of each format to skip text. Multi-byte UTF-8 never contains ASCII bytes, so
// characters split across chunks cannot be mistaken for quotes or brackets.

const QUOTE = 0x22;
const NEWLINE = 0x0a;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/** CSV (RFC 4180): a row ends at a line break outside quotes (a "" escape toggles twice); the first row is the header. */
export function csvRows() {
  let quoted = false;
  let lines = 0;
  return {
    add(bytes) {
      for (let i = 0; i < bytes.length; i++) {
        const b = bytes[i];
        if (b === QUOTE) quoted = !quoted;
        else if (b === NEWLINE && !quoted) lines++;
      }
    },
    get rows() { return Math.max(0, lines - 1); },
    /** Whether the text ended between rows, as a whole export does. */
    get complete() { return !quoted && lines > 0; },
  };
}

/** JSON ({"endpoint": …, "requests": [{…}, …]}): a request is an object opened at depth 3. */
export function jsonRows() {
  let depth = 0;
  let opened = false;
  let inString = false;
  let escaped = false;
  let rows = 0;
  return {
    add(bytes) {
      for (let i = 0; i < bytes.length; i++) {
        const b = bytes[i];
        if (inString) {
          if (escaped) escaped = false;
          else if (b === BACKSLASH) escaped = true;
          else if (b === QUOTE) inString = false;
        } else if (b === QUOTE) {
          inString = true;
        } else if (b === OPEN_OBJECT || b === OPEN_ARRAY) {
          depth++;
          opened = true;
          if (depth === 3 && b === OPEN_OBJECT) rows++;
        } else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) {
          depth--;
        }
      }
    },
    get rows() { return rows; },
    /** Whether the outer object was closed: a JSON export that broke off mid-way is not. */
    get complete() { return opened && depth === 0 && !inString; },
  };
}
