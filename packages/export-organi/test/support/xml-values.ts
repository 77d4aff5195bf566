import { XMLParser } from "fast-xml-parser";

/** Each list of the model and the element of one of its items, as the XSD names them. */
const ITEM_OF: Readonly<Record<string, string>> = {
  cases: "case",
  debtors: "debtor",
  addresses: "address",
  emails: "email",
  phones: "phone",
  addressLines: "line",
  claims: "claim",
  interest: "claimInterest",
  interestLines: "interestLine",
  sources: "rateSource",
  charges: "charge",
  findings: "finding",
  payments: "payment",
  imputation: "allocation",
  letters: "letter",
  returnedMail: "returned",
  disputes: "dispute",
  plans: "plan",
  promises: "promise",
  judgments: "judgment",
  handovers: "handover",
  documents: "document",
};

/**
 * What the XML of a handover must hold for a value of the model, as an XML parser gives it back:
 * every value as text, a null left out, a list a wrapper with its items (an empty one an empty
 * element).
 */
export function xmlValuesOf(value: unknown, key = ""): unknown {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) {
    const item = ITEM_OF[key];
    if (item === undefined) throw new Error(`no item element for the list ${key}`);
    return value.length === 0 ? "" : { [item]: value.map((entry) => xmlValuesOf(entry, item)) };
  }
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [name, child] of Object.entries(value)) {
      const converted = xmlValuesOf(child, name);
      if (converted !== undefined) out[name] = converted;
    }
    return out;
  }
  return String(value);
}

function withoutLayout(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutLayout);
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [name, child] of Object.entries(node)) {
    if (name === "#text") {
      // Only the indentation between elements may be text beside them.
      if (typeof child !== "string" || child.trim() !== "")
        throw new Error(`text beside elements: ${JSON.stringify(child)}`);
      continue;
    }
    out[name] = withoutLayout(child);
  }
  return out;
}

/**
 * The values of a handover's XML as fast-xml-parser reads them (entities and character
 * references decoded, nothing trimmed, the namespace prefix dropped), without the indentation.
 */
export function readXmlValues(xml: string): unknown {
  const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: false,
    removeNSPrefix: true,
    htmlEntities: true,
    isArray: (name, jpath) => {
      const parent = String(jpath).split(".").at(-2);
      return parent !== undefined && ITEM_OF[parent] === name;
    },
  });
  const parsed = parser.parse(xml) as { handover?: unknown };
  if (parsed.handover === undefined) throw new Error("no handover element");
  return withoutLayout(parsed.handover);
}
