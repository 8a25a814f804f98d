import { describe, expect, it } from "vitest";
import { SourceFile, formatDiagnostic, error, sortDiagnostics } from "../../src/diag/index.js";

describe("SourceFile", () => {
  const src = new SourceFile("a.yaml", "ab\ncd\n\nef");
  it.each([
    { offset: 0, want: { line: 1, col: 1 } },
    { offset: 2, want: { line: 1, col: 3 } },
    { offset: 3, want: { line: 2, col: 1 } },
    { offset: 6, want: { line: 3, col: 1 } },
    { offset: 8, want: { line: 4, col: 2 } },
  ])("position($offset)", ({ offset, want }) => {
    expect(src.position(offset)).toEqual(want);
  });
  it("lineText", () => {
    expect(src.lineText(2)).toBe("cd");
    expect(src.lineText(4)).toBe("ef");
  });
});

describe("diagnostics", () => {
  it("formats file:line:col, path, message and code", () => {
    const d = error("gwpc_schema", "expected a string", { file: "p.yaml", line: 12, col: 7 }, "spec.x[1]");
    expect(formatDiagnostic(d)).toBe("p.yaml:12:7: spec.x[1]: expected a string [gwpc_schema]");
  });
  it("sorts by place", () => {
    const a = error("c", "a", { file: "f", line: 2, col: 1 });
    const b = error("c", "b", { file: "f", line: 1, col: 5 });
    const c = error("c", "c");
    expect(sortDiagnostics([c, a, b]).map((d) => d.message)).toEqual(["b", "a", "c"]);
  });
});
