/**
 * Source text with lazily computed line starts: offsets are stored, line and
 * column derived on demand (1-based, columns count UTF-16 code units as
 * editors do for the ASCII-heavy inputs we read).
 */
export class SourceFile {
  private lineStarts: number[] | undefined;

  constructor(
    readonly name: string,
    readonly text: string,
  ) {}

  position(offset: number): { line: number; col: number } {
    const starts = this.starts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - starts[lo]! + 1 };
  }

  /** A span for [start, end) in this file. */
  span(start: number, end: number = start): Span {
    const a = this.position(start);
    const b = this.position(end);
    return { file: this.name, line: a.line, col: a.col, endLine: b.line, endCol: b.col };
  }

  lineText(line: number): string {
    const starts = this.starts();
    const start = starts[line - 1] ?? this.text.length;
    const end = starts[line] ?? this.text.length;
    return this.text.slice(start, end).replace(/\r?\n$/, "");
  }

  private starts(): number[] {
    if (!this.lineStarts) {
      const starts = [0];
      for (let i = 0; i < this.text.length; i++) if (this.text.charCodeAt(i) === 10) starts.push(i + 1);
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }
}

/** A place in a file; 1-based line and column. */
export interface Span {
  file: string;
  line: number;
  col: number;
  endLine?: number;
  endCol?: number;
}
