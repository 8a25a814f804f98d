/**
 * JSON text in and out for the IR, matching Go's `encoding/json`: integers
 * beyond 2^53 (int64 statement values) survive as bigint, and strings are
 * escaped the way Go escapes them (HTML-safe), so `opa build -t plan` output
 * re-encodes byte for byte.
 */

export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | { [k: string]: JsonValue };

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at offset ${offset}`);
    this.name = "JsonSyntaxError";
  }
}

/** Parses JSON; integers outside the safe range become bigint, other numbers stay numbers. */
export function parseJson(text: string): JsonValue {
  let i = 0;
  const fail = (msg: string): never => {
    throw new JsonSyntaxError(msg, i);
  };
  const ws = (): void => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
  };
  const value = (): JsonValue => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      const obj: { [k: string]: JsonValue } = {};
      ws();
      if (text[i] === "}") {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail("expected string key");
        const k = str();
        ws();
        if (text[i] !== ":") fail("expected ':'");
        i++;
        obj[k] = value();
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "}") {
          i++;
          return obj;
        }
        fail("expected ',' or '}'");
      }
    }
    if (c === "[") {
      i++;
      const arr: JsonValue[] = [];
      ws();
      if (text[i] === "]") {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value());
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "]") {
          i++;
          return arr;
        }
        fail("expected ',' or ']'");
      }
    }
    if (c === '"') return str();
    if (text.startsWith("true", i)) return (i += 4), true;
    if (text.startsWith("false", i)) return (i += 5), false;
    if (text.startsWith("null", i)) return (i += 4), null;
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) return fail("unexpected character");
    i += m[0].length;
    if (m[2] === undefined && m[3] === undefined) {
      const n = Number(m[0]);
      return Number.isSafeInteger(n) ? n : BigInt(m[0]);
    }
    return Number(m[0]);
  };
  const str = (): string => {
    const start = i;
    i++;
    let simple = true;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === "\\") {
        simple = false;
        i++;
      }
      i++;
    }
    if (i >= text.length) fail("unterminated string");
    i++;
    const raw = text.slice(start, i);
    if (simple && !/[\u0000-\u001f]/.test(raw)) return raw.slice(1, -1);
    try {
      return JSON.parse(raw) as string;
    } catch {
      return fail("bad string");
    }
  };
  const v = value();
  ws();
  if (i !== text.length) fail("trailing characters");
  return v;
}

const HEX = "0123456789abcdef";

/** A JSON string literal escaped exactly as Go's `json.Marshal` does. */
export function goQuote(s: string): string {
  let out = '"';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let esc: string | undefined;
    if (c === 0x22) esc = '\\"';
    else if (c === 0x5c) esc = "\\\\";
    else if (c < 0x20) {
      esc =
        c === 0x0a ? "\\n" : c === 0x0d ? "\\r" : c === 0x09 ? "\\t" : c === 0x08 ? "\\b" : c === 0x0c ? "\\f" : `\\u00${HEX[c >> 4]}${HEX[c & 15]}`;
    } else if (c === 0x3c || c === 0x3e || c === 0x26) esc = `\\u00${HEX[c >> 4]}${HEX[c & 15]}`;
    else if (c === 0x2028 || c === 0x2029) esc = `\\u202${HEX[c & 15]}`;
    else if (c >= 0xd800 && c <= 0xdfff) {
      // Go replaces invalid UTF-8 (here: a lone surrogate) with U+FFFD.
      const hi = c <= 0xdbff;
      const next = s.charCodeAt(i + 1);
      if (hi && next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      esc = "\ufffd";
    }
    if (esc !== undefined) {
      out += s.slice(from, i) + esc;
      from = i + 1;
    }
  }
  return out + s.slice(from) + '"';
}

/**
 * Serialises a JSON value compactly (Go's `json.Marshal`) or indented
 * (`json.MarshalIndent(v, "", indent)`), keys in insertion order.
 */
export function stringifyGo(v: JsonValue, indent = ""): string {
  const parts: string[] = [];
  const emit = (x: JsonValue, depth: number): void => {
    if (x === null) parts.push("null");
    else if (typeof x === "boolean" || typeof x === "bigint") parts.push(String(x));
    else if (typeof x === "number") parts.push(Number.isFinite(x) ? String(x) : "null");
    else if (typeof x === "string") parts.push(goQuote(x));
    else if (Array.isArray(x)) {
      if (x.length === 0) return void parts.push("[]");
      parts.push("[");
      x.forEach((e, k) => {
        if (k > 0) parts.push(",");
        newline(depth + 1);
        emit(e, depth + 1);
      });
      newline(depth);
      parts.push("]");
    } else {
      const keys = Object.keys(x);
      if (keys.length === 0) return void parts.push("{}");
      parts.push("{");
      keys.forEach((k, n) => {
        if (n > 0) parts.push(",");
        newline(depth + 1);
        parts.push(goQuote(k), indent ? ": " : ":");
        emit(x[k] as JsonValue, depth + 1);
      });
      newline(depth);
      parts.push("}");
    }
  };
  const newline = (depth: number): void => {
    if (indent) parts.push("\n" + indent.repeat(depth));
  };
  emit(v, 0);
  return parts.join("");
}
