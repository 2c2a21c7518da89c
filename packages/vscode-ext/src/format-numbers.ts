const whole = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

/** A count or value for people: 12,345 or 1,234.57. */
export function formatNumber(value: number): string {
  return (Number.isInteger(value) ? whole : decimal).format(value);
}

/** A share 0..1 as a percentage with one decimal: 12.3%. */
export function formatShare(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** A count with its noun, singular for one: "1 customer", "2,000 customers". */
export function formatCount(count: number, noun: string): string {
  return `${formatNumber(count)} ${noun}${count === 1 ? "" : "s"}`;
}
