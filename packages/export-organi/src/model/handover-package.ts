import { z } from "zod";
import { fields } from "./handover-fields.js";

const { text, name, id, date, instant, amount, rate, sha256, fileName } = fields;
const nullable = <T extends z.ZodType>(schema: T) => schema.nullable();

/**
 * The version of the handover model this package writes: `1.0`. A reader accepts every `1.x` (a
 * minor version only adds optional fields); a new major version is a new schema file.
 *
 * @example
 * ```ts
 * import { HANDOVER_SCHEMA_VERSION } from "@incasso/export-organi";
 * HANDOVER_SCHEMA_VERSION; // "1.0"
 * ```
 */
export const HANDOVER_SCHEMA_VERSION = "1.0" as const;

/**
 * The phases a case is handed over in, and the instruction each gives the bailiff:
 * `amicable` (collect without a title: an amicable demand by the bailiff), `summary-procedure`
 * (the Belgian collection of uncontested business debts, art. 1394/20 ff. Ger.W.: the bailiff
 * serves the demand with the reply form, and after the term draws up the record of
 * non-contestation that is declared enforceable) and `enforcement` (enforce a judgment).
 *
 * @example
 * ```ts
 * import { HANDOVER_PHASES } from "@incasso/export-organi";
 * HANDOVER_PHASES.map((phase) => phase.id); // ["amicable", "summary-procedure", "enforcement"]
 * ```
 */
export const HANDOVER_PHASES = [
  {
    id: "amicable",
    instruction: "amicable-collection",
    legalBasis:
      "Amicable collection by a bailiff (BE: Wet van 20 december 2002 / loi du 20 décembre 2002, Book XIX WER for consumers; NL: Wet incassodienstverlening)",
    description: "Collect the debt amicably: demand payment, agree a plan, report payments.",
  },
  {
    id: "summary-procedure",
    instruction: "uncontested-debt-demand",
    legalBasis:
      "Collection of uncontested business debts, art. 1394/20 to 1394/27 Ger.W. / C.jud. (BE, in force since 1 July 2016)",
    description:
      "Serve the demand with the reply form; after the month and the eight days, draw up the record of non-contestation (PV van niet-betwisting / PV de non-contestation) for the enforceable title.",
  },
  {
    id: "enforcement",
    instruction: "judgment-enforcement",
    legalBasis:
      "Enforcement of an enforceable title (BE: art. 1386 ff. Ger.W.; NL: art. 430 ff. Rv)",
    description: "Serve and enforce the judgment listed under procedure.judgments.",
  },
] as const;

const phase = z.enum(["amicable", "summary-procedure", "enforcement"]);

const contactEntry = z
  .strictObject({
    value: name.describe(
      "The address (one line per part, separated by line feeds), e-mail address or phone number.",
    ),
    current: z
      .boolean()
      .describe("False when the address is known to be out of date (mail came back)."),
    source: name.describe("Where it came from (client, registry, debtor)."),
    date: date.describe("When it was learnt."),
  })
  .describe("One contact detail of a debtor.");

const documentReference = z
  .strictObject({
    sha256: sha256.describe("The SHA-256 of the document's bytes."),
    template: name.describe("The template the document was made from."),
    format: z.enum(["html", "pdf", "docx", "text"]),
    fileName: nullable(fileName).describe(
      "The file in this package that holds the document, or null when its bytes were not supplied.",
    ),
  })
  .describe("A document recorded with an event, identified by its SHA-256.");

const totals = z.strictObject({
  principal: amount.describe("Principal still open."),
  interest: amount.describe("Interest accrued and still open."),
  costs: amount.describe("Costs still open, the open part of the penalty included."),
  penalty: amount.describe(
    "The penalty clause or flat-rate damages charged, paid or not (its open part is in costs).",
  ),
  paid: amount.describe("Everything paid and imputed."),
  credit: amount.describe("What was paid beyond the debt."),
  balance: amount.describe(
    "What is owed as of the cut-off date: principal + interest + costs - credit.",
  ),
});

/**
 * Zod schema of one case in a handover package: its key, phase, references, the creditor, the
 * debtors, claims, terms, the statement as of the cut-off date with its interest lines and their
 * sources, payments with their imputation, the procedure so far and the documents.
 *
 * @example
 * ```ts
 * import { handoverCaseSchema } from "@incasso/export-organi";
 * handoverCaseSchema.shape.caseKey.parse("2026-00042");
 * ```
 */
export const handoverCaseSchema = z
  .strictObject({
    caseKey: fileName.describe(
      "The case's key in this package: the case number made safe for file names; every document of the case is named after it.",
    ),
    caseId: id.describe("The case's id in the sender's store."),
    caseNumber: name.describe("The sender's case number (Onze ref / Notre réf)."),
    phase: phase.describe("The phase the case is handed over in (see envelope.phase)."),
    rulePack: z
      .enum(["be.b2b", "be.civil", "be.consumer", "nl.b2b", "nl.consumer"])
      .describe("The rules the amounts were computed under."),
    references: z.strictObject({
      ours: name.describe("The sender's case number."),
      client: nullable(name).describe(
        "The client's own reference of the case (Uw ref / Votre réf).",
      ),
      externalFileNumber: nullable(name).describe("A file number from another system, if any."),
      payment: nullable(
        z.strictObject({
          kind: z.enum(["be.ogm", "rf", "nl.betalingskenmerk", "other"]),
          value: name.describe("The reference as the debtor must quote it."),
        }),
      ).describe("The structured payment reference already in use with the debtor."),
      bailiffFileNumber: nullable(name).describe(
        "The bailiff's own file number from an earlier acknowledgement, if any.",
      ),
    }),
    creditor: z
      .strictObject({
        id: id,
        name: name,
        reference: nullable(name),
        enterpriseNumber: nullable(name).describe("KBO/BCE number (BE) or KvK number (NL)."),
        vatNumber: nullable(name),
        addressLines: z.array(name).max(6),
        iban: nullable(name).describe("The account payments to the client go to."),
        bic: nullable(name),
        email: nullable(name),
        phone: nullable(name),
      })
      .describe("The creditor: the client of the sender."),
    debtors: z
      .array(
        z.strictObject({
          id: id,
          kind: z.enum(["natural-person", "legal-person"]),
          name: name,
          language: z.enum(["nl", "fr", "en", "de"]),
          consumer: z.boolean().describe("True for a consumer: the consumer rules apply."),
          enterpriseNumber: nullable(name),
          nationalNumber: nullable(
            z.strictObject({
              value: name.describe("The Belgian national number (rijksregisternummer)."),
              basis: text.min(1).describe("The lawful ground on which the sender holds it."),
            }),
          ).describe(
            "Only when the sender holds it lawfully and recorded on what ground; else null.",
          ),
          liability: z
            .enum(["sole", "joint-and-several"])
            .describe(
              "joint-and-several when the case has more than one debtor, each liable for the whole.",
            ),
          addresses: z.array(contactEntry),
          emails: z.array(contactEntry),
          phones: z.array(contactEntry),
        }),
      )
      .min(1),
    claims: z
      .array(
        z.strictObject({
          id: id,
          invoiceNumber: name,
          invoiceDate: date,
          dueDate: date,
          amount: amount.describe("The invoiced amount, after corrections."),
          currency: z.literal("EUR"),
          description: nullable(text),
          corrected: z.boolean().describe("True when the claim was corrected after it was added."),
        }),
      )
      .min(1),
    terms: z.strictObject({
      imputation: z
        .enum(["costs-interest-principal", "interest-costs-principal", "principal-interest-costs"])
        .describe("The order payments are imputed in."),
      interest: z
        .array(
          z.strictObject({
            claim: id,
            basis: z.enum(["table", "fixed"]),
            table: nullable(id).describe(
              "The rate table (be.commercial, nl.legal, ...) when the basis is a table.",
            ),
            fixedRate: nullable(rate).describe(
              "The contractual rate in percent a year when fixed.",
            ),
            margin: rate.describe("Percentage points added to the rate."),
            compounding: z.enum(["none", "yearly"]),
            dayCount: z.enum(["act/365", "act/act", "act/360"]),
          }),
        )
        .describe("The interest each claim bears."),
      penalty: nullable(
        z.strictObject({
          kind: z.enum(["percent", "fixed", "nl.bik", "be.book19"]),
          percent: nullable(rate),
          min: nullable(amount),
          max: nullable(amount),
          amount: nullable(amount),
          date: nullable(date).describe("The day the penalty became due."),
        }),
      ).describe("The penalty clause or statutory damages applied."),
    }),
    statement: z
      .strictObject({
        asOf: date.describe("The cut-off date of the statement."),
        currency: z.literal("EUR"),
        totals: totals,
        claims: z.array(
          z.strictObject({
            id: id,
            originalPrincipal: amount,
            principal: amount,
            interest: amount,
            interestAccrued: amount,
            capitalisedInterest: amount,
          }),
        ),
        interestLines: z.array(
          z.strictObject({
            claim: id,
            from: date,
            to: date,
            days: z.number().int().min(0),
            base: amount,
            rate: rate.describe("Percent a year: the table rate plus the margin."),
            margin: rate,
            divisor: z.number().int().min(1),
            amount: amount,
            sources: z
              .array(
                z.strictObject({
                  table: id,
                  from: date,
                  rate: rate,
                  source: text.min(1).describe("The publication the rate comes from."),
                  status: z.enum(["confirmed", "secondary", "derived", "unconfirmed"]),
                }),
              )
              .describe("The published rates the line's rate was taken from."),
          }),
        ),
        charges: z.array(
          z.strictObject({
            id: id,
            kind: z.enum(["cost", "interest"]),
            date: date,
            amount: amount,
            outstanding: amount,
            penalty: z.boolean(),
          }),
        ),
        findings: z
          .array(
            z.strictObject({
              severity: z.enum(["error", "warning", "info"]),
              code: name,
              message: text,
              source: text,
            }),
          )
          .describe("What the rules found on the case (what was left out and why)."),
      })
      .describe("The statement as of the cut-off date, as the sender's letters show it."),
    payments: z.array(
      z.strictObject({
        id: id,
        date: date,
        amount: amount,
        reference: nullable(name),
        imputation: z.array(
          z.strictObject({
            bucket: z.enum(["costs", "interest", "principal"]),
            targetKind: z.enum(["claim", "charge"]),
            targetId: id,
            amount: amount,
            designated: z.boolean().describe("True when the debtor designated it."),
          }),
        ),
      }),
    ),
    procedure: z.strictObject({
      letters: z.array(
        z.strictObject({
          eventId: id,
          kind: z.enum([
            "reminder",
            "first-reminder",
            "formal-notice",
            "letter14",
            "document",
            "email",
            "sms",
          ]),
          date: date,
          channel: z.enum(["post", "email", "registered-post", "hand-delivered", "sms", "none"]),
          description: nullable(name).describe("The document's kind or the message's template."),
          document: nullable(documentReference),
        }),
      ),
      returnedMail: z.array(z.strictObject({ date: date, channel: name, reason: nullable(text) })),
      disputes: z.array(
        z.strictObject({
          openedOn: date,
          reason: text,
          closedOn: nullable(date),
          outcome: nullable(text),
        }),
      ),
      plans: z.array(
        z.strictObject({
          id: id,
          agreedOn: date,
          description: text,
          endedOn: nullable(date),
          ending: nullable(z.enum(["defaulted", "cancelled"])),
          reason: nullable(text),
        }),
      ),
      promises: z.array(
        z.strictObject({
          id: id,
          recordedOn: date,
          amount: amount,
          dueDate: date,
          state: z.enum(["open", "kept", "broken"]),
        }),
      ),
      judgments: z.array(
        z.strictObject({
          court: name,
          date: date,
          rollNumber: nullable(name),
          enforceable: z.boolean(),
          principal: nullable(amount),
          interest: nullable(amount),
          costs: nullable(amount),
          description: nullable(text),
        }),
      ),
      handovers: z
        .array(
          z.strictObject({
            date: date,
            bailiff: name,
            packageId: nullable(id),
            phase: nullable(phase),
          }),
        )
        .describe("Earlier handovers of the case to a bailiff."),
    }),
    documents: z
      .array(
        z.strictObject({
          fileName: fileName,
          kind: z.enum(["statement", "letter", "invoice"]),
          mediaType: name,
          sha256: sha256,
          size: z.number().int().min(0),
          eventId: nullable(id),
          claimId: nullable(id),
        }),
      )
      .describe("The documents of the case in this package, each with its SHA-256."),
  })
  .describe("One case handed over.");

/**
 * Zod schema of a handover package, version {@link HANDOVER_SCHEMA_VERSION}: the envelope
 * (package id, when it was made, the sender firm, the bailiff office, the phase and instruction,
 * the profile, the totals) and the cases.
 *
 * @example
 * ```ts
 * import { handoverPackageSchema } from "@incasso/export-organi";
 * declare const json: unknown;
 * const handover = handoverPackageSchema.parse(json);
 * handover.cases.length;
 * ```
 */
export const handoverPackageSchema = z
  .strictObject({
    schemaVersion: z.literal(HANDOVER_SCHEMA_VERSION),
    envelope: z.strictObject({
      packageId: id.describe(
        "The package's id: the same selection, cut-off date, office, phase and profile always give the same id.",
      ),
      createdAt: instant.describe("When the package was first made (passed in by the host)."),
      cutOffDate: date.describe("The date every amount is computed as of."),
      sender: z
        .strictObject({
          name: name,
          enterpriseNumber: name.describe("The firm's KBO/BCE or KvK number."),
          vatNumber: nullable(name),
          lawyer: nullable(name).describe(
            "The lawyer responsible (the gatekeeper in the summary procedure).",
          ),
          addressLines: z.array(name).max(6),
          email: nullable(name),
          phone: nullable(name),
        })
        .describe("The firm handing the cases over."),
      bailiff: z
        .strictObject({
          id: id.describe("The office's id in the sender's configuration."),
          name: name,
          enterpriseNumber: nullable(name),
          addressLines: z.array(name).max(6),
          email: nullable(name),
        })
        .describe("The bailiff office the package is for."),
      phase: phase,
      instruction: z.strictObject({
        kind: z.enum(["amicable-collection", "uncontested-debt-demand", "judgment-enforcement"]),
        legalBasis: text.min(1),
        description: text.min(1),
      }),
      profile: z.strictObject({ id: id, version: name }),
      resend: nullable(z.strictObject({ reason: text.min(1) })).describe(
        "Set when cases already handed over are sent again on purpose, with the reason.",
      ),
      caseCount: z.number().int().min(1),
      totals: totals.describe("The sums of the cases' statement totals."),
    }),
    cases: z.array(handoverCaseSchema).min(1),
  })
  .describe("A package of cases handed over to a bailiff office.");

/**
 * A handover package (see {@link handoverPackageSchema}).
 *
 * @example
 * ```ts
 * import type { HandoverPackage } from "@incasso/export-organi";
 * const balance = (handover: HandoverPackage) => handover.envelope.totals.balance;
 * ```
 */
export type HandoverPackage = z.output<typeof handoverPackageSchema>;

/**
 * One case of a handover package (see {@link handoverCaseSchema}).
 *
 * @example
 * ```ts
 * import type { HandoverCase } from "@incasso/export-organi";
 * const key = (handoverCase: HandoverCase) => handoverCase.caseKey;
 * ```
 */
export type HandoverCase = z.output<typeof handoverCaseSchema>;

/**
 * A handover phase: `amicable`, `summary-procedure` or `enforcement` (see {@link HANDOVER_PHASES}).
 *
 * @example
 * ```ts
 * import type { HandoverPhase } from "@incasso/export-organi";
 * const phase: HandoverPhase = "summary-procedure";
 * ```
 */
export type HandoverPhase = (typeof HANDOVER_PHASES)[number]["id"];
