import { type Day, formatDay } from "../time/calendar.ts";
import { seededRandom } from "./seeded-random.ts";

export interface DemoCustomer {
  customer_id: string;
  name: string;
  account_manager: string;
  region: string;
  satisfaction: number | null;
}

export interface DemoOrder {
  order_id: string;
  customer_id: string;
  order_date: string;
  amount: number;
  profit: number;
  category: string;
}

export interface DemoOptions {
  customers: number;
  seed: number;
  /** The last day with orders (the demo's "today"). */
  until: Day;
  /** How far back the business goes, in days. */
  historyDays?: number;
  /** Multiplies every customer's purchase rate; default 1. */
  purchaseRate?: number;
}

const FIRST = [
  "Ana",
  "Ben",
  "Chen",
  "Dara",
  "Eli",
  "Fatima",
  "Goran",
  "Hana",
  "Ivan",
  "Jia",
  "Kofi",
  "Lena",
  "Mateo",
  "Nora",
  "Omar",
  "Priya",
  "Quinn",
  "Rosa",
  "Sven",
  "Tomoko",
  "Uma",
  "Victor",
  "Wei",
  "Yara",
  "Zoe",
];
const LAST = [
  "Silva",
  "Okafor",
  "Müller",
  "Nakamura",
  "Rossi",
  "Kowalski",
  "Haddad",
  "Lindqvist",
  "García",
  "Chen",
  "Novak",
  "Dubois",
  "Patel",
  "Jensen",
  "Moreau",
  "Kim",
  "Costa",
  "Brennan",
  "Ito",
  "Reyes",
];
const COMPANIES = [
  "ACME",
  "Globex",
  "Initech",
  "Umbrella Retail",
  "Stark Supplies",
  "Wayne Trading",
  "Hooli",
  "Vandelay Imports",
  "Soylent Foods",
  "Tyrell Home",
];
const MANAGERS = [
  "ana.silva",
  "ben.okafor",
  "chen.wei",
  "dara.novak",
  "eli.costa",
  "fatima.haddad",
].map((m) => `${m}@strata-demo.example`);
const REGIONS = ["north", "south", "east", "west"];
const CATEGORIES = ["apparel", "shoes", "home", "beauty", "electronics", "garden", "toys", "books"];

/**
 * The customers of a synthetic retail business one at a time, each with its orders in date
 * order, reproducible from the seed; constant memory, so a benchmark can stream millions of
 * orders to a file. Customers join over the history, buy at their own Poisson rate
 * (gamma-distributed across customers, times `purchaseRate`), may stop buying after any
 * purchase (beta-distributed dropout, as in the BG/NBD model), spend lognormal amounts around
 * a customer-level mean, prefer a few categories, and have a satisfaction score that loyal
 * customers tend to rate higher.
 */
export function* syntheticCustomers(
  options: DemoOptions,
): Generator<{ customer: DemoCustomer; orders: DemoOrder[] }> {
  const random = seededRandom(options.seed);
  const history = options.historyDays ?? 730;
  const rateScale = options.purchaseRate ?? 1;
  for (let i = 0; i < options.customers; i++) {
    const id = `C${String(i + 1).padStart(5, "0")}`;
    const company = i < COMPANIES.length ? COMPANIES[i] : undefined;
    // The named companies are the shop's loyal big accounts; everyone else varies widely.
    const ratePerDay = random.gamma(0.9, 1 / 0.9) * ((company ? 20 : 8) / 365) * rateScale;
    const dropout = company ? 0.01 : random.beta(1, 5);
    const meanSpend = Math.exp(4 + 0.8 * random.normal()) * (company ? 6 : 1);
    const favourite = random.int(CATEGORIES.length);
    const orders: DemoOrder[] = [];
    let day = options.until - random.int(history);
    while (day <= options.until) {
      const amount = Math.round(meanSpend * Math.exp(0.5 * random.normal()) * 100) / 100;
      const category = random.next() < 0.7 ? CATEGORIES[favourite] : random.pick(CATEGORIES);
      orders.push({
        order_id: `${id}-${orders.length + 1}`,
        customer_id: id,
        order_date: formatDay(day),
        amount,
        profit: Math.round(amount * (0.15 + 0.2 * random.next()) * 100) / 100,
        category: category ?? "apparel",
      });
      if (random.next() < dropout) break;
      day += Math.max(1, Math.round(random.exponential(1 / ratePerDay)));
    }
    const loyalty = Math.min(1, orders.length / 12);
    const customer: DemoCustomer = {
      customer_id: id,
      name: company ?? `${random.pick(FIRST)} ${random.pick(LAST)}`,
      account_manager: random.pick(MANAGERS),
      region: random.pick(REGIONS),
      satisfaction:
        random.next() < 0.3
          ? null
          : Math.max(0, Math.min(10, Math.round(5 + 3 * loyalty + 2 * random.normal()))),
    };
    yield { customer, orders };
  }
}

/** The whole synthetic business in memory (see `syntheticCustomers`), orders by date. */
export function syntheticBusiness(options: DemoOptions): {
  customers: DemoCustomer[];
  orders: DemoOrder[];
} {
  const customers: DemoCustomer[] = [];
  const orders: DemoOrder[] = [];
  for (const generated of syntheticCustomers(options)) {
    customers.push(generated.customer);
    for (const order of generated.orders) orders.push(order);
  }
  orders.sort((a, b) => (a.order_date < b.order_date ? -1 : a.order_date > b.order_date ? 1 : 0));
  return { customers, orders };
}
