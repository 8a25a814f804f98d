import Mustache from "mustache";
import { yamlScalar } from "./yaml-emit.js";

/**
 * Renders one mustache template. In YAML, `{{x}}` writes x as a safe YAML
 * scalar (plain or JSON-quoted, never HTML-escaped) and `{{{x}}}` splices
 * pre-rendered YAML; in Markdown, both write x as is.
 */
export function renderMustache(template: string, view: object, mode: "yaml" | "text"): string {
  const escape = mode === "yaml" ? (s: string) => yamlScalar(String(s)) : (s: string) => String(s);
  // A private Writer: no shared cache, no global Mustache.escape patching.
  const writer = new Mustache.Writer();
  return writer.render(template, view, undefined, { escape });
}
