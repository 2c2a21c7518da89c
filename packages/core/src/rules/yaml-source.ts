import { type Document, isMap, isScalar, isSeq, type Node } from "yaml";

/** Offsets [start, end) of a YAML node or key in the file. */
export interface OffsetRange {
  start: number;
  end: number;
}

export type PathSegment = string | number;

function nodeRange(node: Node): OffsetRange {
  const [start, end] = node.range ?? [0, 0];
  return { start, end };
}

/**
 * The file range a schema path refers to. For a path that exists: the value's node (or its
 * key when the value is empty). For one that does not (a missing field): the key of the
 * deepest existing map, or that map's first key when it has none (a list item, the root).
 * With `key: true`, the key of the last segment instead of its value (for unknown fields).
 */
export function locate(doc: Document, path: readonly PathSegment[], key = false): OffsetRange {
  let node: unknown = doc.contents;
  let parentKey: Node | undefined;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === segment);
      if (!pair) return missing(node, parentKey);
      parentKey = pair.key as Node;
      if (key && i === path.length - 1) return nodeRange(parentKey);
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number" && node.items[segment]) {
      parentKey = undefined;
      node = node.items[segment];
    } else {
      return missing(node, parentKey);
    }
  }
  const range = node && (node as Node).range ? nodeRange(node as Node) : undefined;
  if (range && range.end > range.start) return range;
  return parentKey ? nodeRange(parentKey) : (range ?? { start: 0, end: 0 });
}

function missing(node: unknown, parentKey: Node | undefined): OffsetRange {
  if (parentKey) return nodeRange(parentKey);
  const firstKey = isMap(node) ? node.items[0]?.key : undefined;
  if (firstKey && (firstKey as Node).range) return nodeRange(firstKey as Node);
  return node && (node as Node).range ? nodeRange(node as Node) : { start: 0, end: 0 };
}

/** The node at `path`, if it exists. */
export function nodeAt(doc: Document, path: readonly PathSegment[]): Node | undefined {
  const node = doc.getIn(path, true);
  return node && typeof node === "object" && "range" in node ? (node as Node) : undefined;
}

/**
 * Maps each index of a scalar's value to its offset in the file. Handles quotes, escapes and
 * folded or block scalars by walking the value and the raw text together: every character of
 * the value is found at or after the previous one in the raw text; folded whitespace matches
 * any run of whitespace.
 */
export function scalarOffsets(
  text: string,
  scalar: Node,
  value: string,
): (index: number) => number {
  const [start, end] = scalar.range ?? [0, 0];
  if (text.startsWith(value, start) && end - start === value.length) {
    return (index) => start + Math.max(0, Math.min(index, value.length));
  }
  const offsets: number[] = new Array(value.length + 1);
  let j = start;
  const isQuoted = text[start] === '"' || text[start] === "'";
  if (isQuoted) j++;
  else if (text[start] === "|" || text[start] === ">") {
    while (j < end && text[j] !== "\n") j++;
  }
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    let k = j;
    while (k < end && text[k] !== c && !(/\s/.test(c ?? "") && /\s/.test(text[k] ?? ""))) k++;
    if (k >= end) k = Math.min(j, end);
    offsets[i] = k;
    j = k < end ? k + 1 : k;
  }
  offsets[value.length] = value.length > 0 ? (offsets[value.length - 1] ?? start) + 1 : j;
  return (index) => offsets[Math.max(0, Math.min(index, value.length))] ?? start;
}
