import { SourceFile, error, type Diagnostic, type Span } from "../diag/index.js";

/**
 * Policy files are small (the SPEC example is 2 KB); anything above this cap
 * is a mistake (a wrong file, a dump) and is refused before YAML parsing, so
 * a huge input can cost neither time nor memory.
 */
export const MAX_POLICY_BYTES = 1024 * 1024;

export interface DecodedText {
  source?: SourceFile;
  diagnostics: Diagnostic[];
}

/** Bytes or text -> a SourceFile, refusing oversized, binary and non-UTF-8 input. */
export function decodePolicyText(fileName: string, input: string | Uint8Array): DecodedText {
  const size = typeof input === "string" ? Buffer.byteLength(input, "utf8") : input.byteLength;
  if (size > MAX_POLICY_BYTES) return fail(tooLarge(fileName, size));

  let text: string;
  if (typeof input === "string") {
    text = input;
  } else {
    const bad = firstInvalidUtf8(input);
    if (bad >= 0) {
      const where = bytePosition(fileName, input, bad);
      const hex = input[bad]!.toString(16).padStart(2, "0");
      return fail(error("gwpc_input", `invalid UTF-8 (byte 0x${hex}): a policy file must be UTF-8 text`, where));
    }
    text = new TextDecoder("utf-8").decode(input);
  }
  // A byte-order mark is legal UTF-8 but not part of the YAML; drop it so columns count from the first real character.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  const source = new SourceFile(fileName, text);
  const nul = text.indexOf("\u0000");
  if (nul >= 0) {
    return fail(error("gwpc_input", "binary content (a NUL byte): expected a YAML text file", source.span(nul)));
  }
  return { source, diagnostics: [] };
}

export function tooLarge(fileName: string, size: number): Diagnostic {
  return error(
    "gwpc_input",
    `file is ${size} bytes; a policy file may be at most ${MAX_POLICY_BYTES} bytes (1 MiB)`,
    fileOnly(fileName),
  );
}

/** A location naming just the file (line 0: formatDiagnostic prints no line:col). */
export function fileOnly(file: string): Span {
  return { file, line: 0, col: 0 };
}

function fail(d: Diagnostic): DecodedText {
  return { diagnostics: [d] };
}

/** Line and column (in UTF-16 units of the valid prefix) of byte `index`. */
function bytePosition(file: string, bytes: Uint8Array, index: number): Span {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const col = new TextDecoder("utf-8").decode(bytes.subarray(lineStart, index)).length + 1;
  return { file, line, col };
}

/** Index of the first byte that is not part of well-formed UTF-8 (RFC 3629), or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) [n, min] = [1, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [n, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return i;
    i += n + 1;
  }
  return -1;
}
