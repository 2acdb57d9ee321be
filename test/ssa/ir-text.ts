/** Renames values and blocks in order of first appearance, so texts compare up to numbering. */
export function normalizeIr(text: string): string {
  const names = new Map<string, string>();
  let nv = 0, nb = 0;
  return text.replace(/\b(v|block)(\d+)\b/g, (m, kind: string) => {
    let r = names.get(m);
    if (r === undefined) { r = kind === 'v' ? `v${nv++}` : `block${nb++}`; names.set(m, r); }
    return r;
  });
}
