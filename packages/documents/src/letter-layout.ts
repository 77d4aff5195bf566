import type { LetterContext } from "@incasso/core";
import { IncassoError } from "@incasso/core";

/**
 * Where the recipient's address sits on an A4 letter so that a window envelope shows it, in
 * millimetres from the sheet's top-left corner.
 *
 * @example
 * ```ts
 * import type { AddressWindow } from "@incasso/documents";
 * const window: AddressWindow = { left: 20, top: 45, width: 85, height: 45 };
 * ```
 */
export interface AddressWindow {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/**
 * The address windows the starter letters know:
 * - `left`: DIN 5008 form B / DIN 680 DL and C5/6 envelopes with the window on the left (90 × 45 mm
 *   window, 20 mm from the left edge): the address field 20 mm from the left and 45 mm from the top
 *   of the sheet, 85 × 45 mm. The common Dutch and German window envelope, and the default.
 * - `right`: envelopes with the window on the right, common in Belgium: 110 mm from the left, 50 mm
 *   from the top, 85 × 40 mm.
 * These follow the usual envelope norms, not a published bpost or PostNL specification (none was
 * found that gives the window's position); measure the firm's envelopes and pass an
 * {@link AddressWindow} of their own when they differ. bpost asks that nothing but the address
 * shows in the window and that 15 mm stay free to its right.
 *
 * @example
 * ```ts
 * import { ADDRESS_WINDOWS } from "@incasso/documents";
 * ADDRESS_WINDOWS.right.left; // 110
 * ```
 */
export const ADDRESS_WINDOWS = {
  left: { left: 20, top: 45, width: 85, height: 45 },
  right: { left: 110, top: 50, width: 85, height: 40 },
} as const satisfies Record<string, AddressWindow>;

/**
 * How the starter letters lay out a page: the address window (a preset name or millimetres) and
 * the page margins in millimetres.
 *
 * @example
 * ```ts
 * import type { LetterLayoutOptions } from "@incasso/documents";
 * const layout: LetterLayoutOptions = { addressWindow: "right" };
 * ```
 */
export interface LetterLayoutOptions {
  readonly addressWindow?: keyof typeof ADDRESS_WINDOWS | AddressWindow;
  readonly margins?: {
    readonly top: number;
    readonly right: number;
    readonly bottom: number;
    readonly left: number;
  };
}

/** The layout a template sees as `layout`: numbers in millimetres, checked. */
export interface ResolvedLayout {
  readonly window: AddressWindow;
  readonly margins: {
    readonly top: number;
    readonly right: number;
    readonly bottom: number;
    readonly left: number;
  };
  /** The space above the address field on the first page, below the top margin. */
  readonly headHeight: number;
  /** The indent of the address field from the left margin. */
  readonly windowIndent: number;
}

/** Resolves and checks the layout options (every figure a finite number of millimetres on A4). */
export function resolveLayout(options: LetterLayoutOptions = {}): ResolvedLayout {
  const window =
    typeof options.addressWindow === "string" || options.addressWindow === undefined
      ? ADDRESS_WINDOWS[options.addressWindow ?? "left"]
      : options.addressWindow;
  const margins = options.margins ?? { top: 15, right: 20, bottom: 22, left: 20 };
  const figures: Record<string, number> = {
    "addressWindow.left": window.left,
    "addressWindow.top": window.top,
    "addressWindow.width": window.width,
    "addressWindow.height": window.height,
    "margins.top": margins.top,
    "margins.right": margins.right,
    "margins.bottom": margins.bottom,
    "margins.left": margins.left,
  };
  for (const [path, value] of Object.entries(figures))
    if (!Number.isFinite(value) || value < 0 || value > 297)
      throw new IncassoError(
        "INVALID_INPUT",
        `layout.${path}: expected millimetres from 0 to 297 (got ${value})`,
        [{ path: `layout.${path}`, message: "expected millimetres from 0 to 297" }],
      );
  if (window.top < margins.top || window.left < margins.left || window.left + window.width > 210)
    throw new IncassoError(
      "INVALID_INPUT",
      "layout.addressWindow: expected a window inside the page's margins",
      [{ path: "layout.addressWindow", message: "expected a window inside the page's margins" }],
    );
  return {
    window,
    margins,
    headHeight: window.top - margins.top,
    windowIndent: window.left - margins.left,
  };
}

/**
 * The words of the starter letters' tables and blocks in the letter's language, given to every
 * template as `labels`.
 *
 * @example
 * ```ts
 * import { LETTER_LABELS } from "@incasso/documents";
 * LETTER_LABELS.fr.invoice; // "Facture"
 * ```
 */
export const LETTER_LABELS = {
  nl: {
    invoice: "Factuur",
    invoiceDate: "Factuurdatum",
    dueDate: "Vervaldag",
    description: "Omschrijving",
    amount: "Bedrag",
    open: "Openstaand",
    principal: "Hoofdsom",
    interest: "Interest",
    costs: "Kosten",
    penalty: "Schadevergoeding",
    paid: "Betaald",
    balance: "Totaal te betalen",
    from: "Van",
    to: "Tot",
    days: "Dagen",
    base: "Basis",
    rate: "Rentevoet",
    source: "Bron",
    date: "Datum",
    payment: "Betaling",
    charge: "Kost",
    ourReference: "Ons kenmerk",
    yourReference: "Uw kenmerk",
    enterpriseNumber: "Ondernemingsnummer",
    iban: "IBAN",
    bic: "BIC",
    paymentReference: "Mededeling",
    beneficiary: "Begunstigde",
    instalment: "Termijn",
    fee: "Kosten",
    scanToPay: "Scan met uw bankapp om te betalen",
    statement: "Afrekening",
    interestLines: "Interestberekening",
    payments: "Betalingen",
    charges: "Kosten en schadevergoeding",
    page: "Pagina",
  },
  fr: {
    invoice: "Facture",
    invoiceDate: "Date de facture",
    dueDate: "Échéance",
    description: "Description",
    amount: "Montant",
    open: "Solde",
    principal: "Principal",
    interest: "Intérêts",
    costs: "Frais",
    penalty: "Indemnité",
    paid: "Payé",
    balance: "Total à payer",
    from: "Du",
    to: "Au",
    days: "Jours",
    base: "Base",
    rate: "Taux",
    source: "Source",
    date: "Date",
    payment: "Paiement",
    charge: "Frais",
    ourReference: "Notre référence",
    yourReference: "Votre référence",
    enterpriseNumber: "Numéro d'entreprise",
    iban: "IBAN",
    bic: "BIC",
    paymentReference: "Communication",
    beneficiary: "Bénéficiaire",
    instalment: "Versement",
    fee: "Frais",
    scanToPay: "Scannez avec votre app bancaire pour payer",
    statement: "Décompte",
    interestLines: "Calcul des intérêts",
    payments: "Paiements",
    charges: "Frais et indemnité",
    page: "Page",
  },
  en: {
    invoice: "Invoice",
    invoiceDate: "Invoice date",
    dueDate: "Due date",
    description: "Description",
    amount: "Amount",
    open: "Outstanding",
    principal: "Principal",
    interest: "Interest",
    costs: "Costs",
    penalty: "Damages",
    paid: "Paid",
    balance: "Total to pay",
    from: "From",
    to: "To",
    days: "Days",
    base: "Base",
    rate: "Rate",
    source: "Source",
    date: "Date",
    payment: "Payment",
    charge: "Charge",
    ourReference: "Our reference",
    yourReference: "Your reference",
    enterpriseNumber: "Enterprise number",
    iban: "IBAN",
    bic: "BIC",
    paymentReference: "Reference",
    beneficiary: "Beneficiary",
    instalment: "Instalment",
    fee: "Fee",
    scanToPay: "Scan with your banking app to pay",
    statement: "Statement",
    interestLines: "Interest",
    payments: "Payments",
    charges: "Costs and damages",
    page: "Page",
  },
} as const;

/** What a template sees: the letter context, its labels and the layout. */
export function templateScope(context: LetterContext, layout: ResolvedLayout): object {
  return { ...context, labels: LETTER_LABELS[context.language], layout };
}
