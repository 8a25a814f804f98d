/**
 * gator's regular expressions are Go RE2. JavaScript's are close enough for
 * suite messages and `--run`, except that RE2 refuses lookaround and
 * backreferences (which would silently match differently here) and writes
 * flags inline (`(?i)`). Throws Error with the reason.
 */
export function compileRe2(src: string): RegExp {
  let flags = "u";
  let body = src;
  const lead = /^\(\?([imsU]+)\)/.exec(body);
  if (lead) {
    for (const f of lead[1]!) {
      if (f === "U") throw new Error("the U (ungreedy) flag is not supported");
      if (!flags.includes(f)) flags += f;
    }
    body = body.slice(lead[0].length);
  }
  if (/\(\?<?[=!]/.test(body)) throw new Error("lookaround assertions are not supported by RE2");
  if (/\\[1-9]|\\k</.test(body)) throw new Error("backreferences are not supported by RE2");
  try {
    return new RegExp(body, flags);
  } catch {
    // RE2 accepts escaped punctuation such as `\:` that unicode mode refuses.
    return new RegExp(body, flags.replace("u", ""));
  }
}
