import type { PaymentMethod } from "../../bindings/PaymentMethod";

/** The methods that put money in a drawer or an account, in the order the core's day sheet lists them. */
export const MONEY_METHODS: readonly PaymentMethod[] = ["cash", "card", "mobile_money", "bank_transfer", "cheque"];

const METHOD_WORDS: Record<PaymentMethod, string> = {
  cash: "Cash",
  card: "Card",
  mobile_money: "Mobile money",
  bank_transfer: "Bank transfer",
  cheque: "Cheque",
  credit: "Patient credit",
};

export function methodLabel(method: PaymentMethod): string {
  return METHOD_WORDS[method];
}

/** An instant's local time of day, "14:05". */
export function timeOf(instant: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return `${String(date.getHours()).padStart(2, "0")}:${String(date.getMinutes()).padStart(2, "0")}`;
}
