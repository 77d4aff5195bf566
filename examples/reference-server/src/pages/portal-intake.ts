// A new case handed in by a client through the portal, with its invoices and their PDF files.
// The portal user's store scope may not write, so the server writes the case in the firm's scope,
// and only after checking that the case is the user's own client's: the client comes from the
// session, never from the form. The case is numbered in the portal's own series (W<year>-<n>),
// each PDF is checked (type, size, %PDF- signature) and kept under the data directory by its
// SHA-256, and a resubmitted form (same submission token) answers the case it made the first time.
import { createHash } from "node:crypto";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { CaseEventJson, StoreScope } from "@incasso/core";
import { IncassoError } from "@incasso/core";
import { z } from "zod";
import type { ServerServices, SessionUser } from "../context.js";
import type { ReferenceServices } from "../services.js";
import { inPortalTenant } from "./portal-tables.js";

/** The largest invoice PDF the portal takes, in bytes (10 MiB). */
export const MAX_INVOICE_PDF_BYTES = 10 * 1024 * 1024;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "expected a date YYYY-MM-DD" });
const text = (max: number, what: string) =>
  z
    .string()
    .trim()
    .min(1, { message: `expected ${what}` })
    .max(max, { message: `expected ${what} of at most ${max} characters` });
const optionalText = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, { message: `expected ${what} of at most ${max} characters` })
    .optional()
    .transform((value) => (value === undefined || value === "" ? undefined : value));

/** An amount as a client types it: `1234.56`, `1234,56` or `1.234,56`, more than zero. */
const amount = z
  .string()
  .trim()
  .transform((value) => {
    const compact = value.replace(/[\s\u202f]/g, "");
    return /,\d{1,2}$/.test(compact)
      ? compact.replace(/\./g, "").replace(",", ".")
      : compact.replace(/,/g, "");
  })
  .pipe(
    z
      .string()
      .regex(/^\d{1,12}(\.\d{1,2})?$/, { message: "expected an amount such as 1234.56" })
      .refine((value) => Number.parseFloat(value) > 0, { message: "expected more than 0.00" }),
  );

/**
 * Zod schema of a case a client hands in: their reference, the debtor and one to 20 invoices
 * (number, invoice date, due date on or after it, amount), and an optional remark.
 *
 * @example
 * ```ts
 * portalIntakeSchema.parse({
 *   clientReference: "INV-77", debtor: { kind: "legal-person", name: "Debtor BV", language: "nl", consumer: false },
 *   invoices: [{ invoiceNumber: "2026-001", invoiceDate: "2026-01-02", dueDate: "2026-02-01", amount: "100.00" }],
 * });
 * ```
 */
export const portalIntakeSchema = z.strictObject({
  clientReference: optionalText(120, "your reference"),
  debtor: z.strictObject({
    kind: z.enum(["natural-person", "legal-person"], {
      message: "expected natural-person or legal-person",
    }),
    name: text(200, "the debtor's name"),
    language: z.enum(["nl", "fr", "en", "de"], { message: "expected nl, fr, en or de" }),
    consumer: z.boolean(),
    enterpriseNumber: optionalText(40, "an enterprise number"),
    email: z
      .string()
      .trim()
      .max(200)
      .optional()
      .transform((value) => (value === undefined || value === "" ? undefined : value))
      .pipe(z.email({ message: "expected an e-mail address" }).optional()),
    address: optionalText(300, "an address"),
  }),
  invoices: z
    .array(
      z
        .strictObject({
          invoiceNumber: text(60, "the invoice number"),
          invoiceDate: isoDate,
          dueDate: isoDate,
          amount,
        })
        .refine((invoice) => invoice.dueDate >= invoice.invoiceDate, {
          message: "expected a due date on or after the invoice date",
          path: ["dueDate"],
        }),
    )
    .min(1, { message: "expected at least one invoice" })
    .max(20, { message: "expected at most 20 invoices" })
    .refine(
      (invoices) => new Set(invoices.map((one) => one.invoiceNumber)).size === invoices.length,
      { message: "expected each invoice number once" },
    ),
  remark: optionalText(2000, "a remark"),
});

/** A case as a client hands it in (validated). */
export type PortalIntake = z.output<typeof portalIntakeSchema>;

/** An uploaded invoice file, before it is checked. */
export interface IntakeFile {
  /** The index of the invoice it belongs to. */
  readonly invoice: number;
  readonly fileName: string;
  readonly type: string;
  readonly bytes: Uint8Array;
}

/** One invalid field of a hand-in, with its path (`invoices.0.file`). */
export interface IntakeIssue {
  readonly path: string;
  readonly message: string;
}

/** The result of a hand-in. */
export type IntakeResult =
  | {
      readonly ok: true;
      readonly caseId: string;
      readonly caseNumber: string;
      readonly replayed: boolean;
    }
  | { readonly ok: false; readonly issues: readonly IntakeIssue[] };

/**
 * Checks an invoice file: a PDF by its type or name and by its first bytes (`%PDF-`), not empty,
 * at most {@link MAX_INVOICE_PDF_BYTES}.
 *
 * @example
 * ```ts
 * checkInvoiceFile({ invoice: 0, fileName: "a.pdf", type: "application/pdf", bytes }); // [] when fine
 * ```
 */
export function checkInvoiceFile(file: IntakeFile): IntakeIssue[] {
  const path = `invoices.${file.invoice}.file`;
  if (file.bytes.byteLength === 0)
    return [{ path, message: "expected a PDF file, got an empty file" }];
  if (file.bytes.byteLength > MAX_INVOICE_PDF_BYTES)
    return [
      { path, message: `expected a PDF of at most ${MAX_INVOICE_PDF_BYTES / 1024 / 1024} MiB` },
    ];
  const declared =
    file.type === "application/pdf" || /\.pdf$/i.test(file.fileName) || file.type === "";
  const signature = Buffer.from(file.bytes.subarray(0, 5)).toString("latin1") === "%PDF-";
  if (!declared || !signature)
    return [{ path, message: "expected a PDF file (application/pdf starting with %PDF-)" }];
  return [];
}

/**
 * The rule pack of a new case: the country of the client's earlier cases (else the firm's), and
 * the debtor's kind; the owner and lawyer of the client's earlier cases (else "intake").
 */
async function rulePackOf(
  services: ServerServices,
  scope: StoreScope,
  consumer: boolean,
): Promise<{
  rulePack: "be.b2b" | "be.consumer" | "nl.b2b" | "nl.consumer";
  owner: string;
  lawyer: string;
}> {
  const page = await services.store.listCases(scope, { sort: "case-id", limit: 1 });
  const first = page.items[0];
  // The firm's country when the server knows its firms, else its time zone's.
  const firm = (services as Partial<ReferenceServices>)
    .firms?.()
    .find((one) => one.tenantId === scope.tenantId);
  let country: "be" | "nl" =
    firm !== undefined
      ? firm.country === "NL"
        ? "nl"
        : "be"
      : services.timeZone === "Europe/Amsterdam"
        ? "nl"
        : "be";
  let owner = "intake";
  let lawyer = "intake";
  if (first !== undefined) {
    const [opened] = await services.store.readEvents(scope, first.caseId, {});
    if (opened?.event.type === "case.opened") {
      country = opened.event.rulePack.startsWith("nl.") ? "nl" : "be";
      owner = opened.event.owner;
      lawyer = opened.event.lawyer;
    }
  }
  return { rulePack: `${country}.${consumer ? "consumer" : "b2b"}`, owner, lawyer };
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Where an uploaded file is kept: `<dataDir>/uploads/<tenant>/<sha256>.pdf`. */
export const uploadPath = (services: ServerServices, tenantId: string, hash: string) =>
  join(services.dataDir, "uploads", encodeURIComponent(tenantId), `${hash}.pdf`);

/**
 * Hands in a new case for the portal user's client: validates the case and its files, keeps the
 * files, numbers the case in the portal's series and appends `case.opened`, a `claim.added` per
 * invoice and a `note.added` listing the files (with their SHA-256) in the firm's scope, under the
 * submission's token as idempotency key.
 *
 * @example
 * ```ts
 * const result = await handInCase(services, user, token, portalIntakeSchema.parse(body), files);
 * ```
 */
export async function handInCase(
  services: ServerServices,
  user: SessionUser,
  token: string,
  input: unknown,
  files: readonly IntakeFile[],
): Promise<IntakeResult> {
  if (user.role !== "portal" || user.clientId === null)
    return { ok: false, issues: [{ path: "(user)", message: "expected a client's portal user" }] };
  const parsed = portalIntakeSchema.safeParse(input);
  const issues: IntakeIssue[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({
        path: issue.path.length === 0 ? "(body)" : issue.path.map(String).join("."),
        message: issue.message,
      }));
  for (const file of files) issues.push(...checkInvoiceFile(file));
  if (!/^[A-Za-z0-9_-]{16,80}$/.test(token))
    issues.push({ path: "submission", message: "expected the form's submission token" });
  if (!parsed.success || issues.length > 0) return { ok: false, issues };
  const intake = parsed.data;
  const today = services.today();
  for (const [index, invoice] of intake.invoices.entries())
    if (invoice.invoiceDate > today.toString())
      issues.push({
        path: `invoices.${index}.invoiceDate`,
        message: "expected a date not after today",
      });
  if (issues.length > 0) return { ok: false, issues };

  const tenantId = user.tenantId;
  const clientId = user.clientId;
  const clientScope: StoreScope = { tenantId, clientId };
  const firmScope: StoreScope = { tenantId };
  const client = await services.store.getClient(clientScope, clientId);
  if (client === null)
    return {
      ok: false,
      issues: [{ path: "(user)", message: "expected the user's client to exist" }],
    };

  // The number: the token's earlier number, or the next of the year in the portal's series.
  const year = today.year;
  const caseId = `W-${createHash("sha256").update(`${tenantId}\u0000${token}`).digest("hex").slice(0, 24)}`;
  const allocated = await inPortalTenant(services, tenantId, async (tx) => {
    const earlier = await tx.query<{ case_number: string; client_id: string }>(
      "SELECT case_number, client_id FROM portal_intakes WHERE tenant_id = $1 AND token = $2",
      [tenantId, token],
    );
    if (earlier.rows[0] !== undefined) return earlier.rows[0];
    await tx.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`portal-intake:${tenantId}`]);
    const next = await tx.query<{ next: number }>(
      "SELECT COALESCE(MAX(sequence), 0) + 1 AS next FROM portal_intakes WHERE tenant_id = $1 AND year = $2",
      [tenantId, year],
    );
    const sequence = Number(next.rows[0]?.next ?? 1);
    const caseNumber = `W${year}-${String(sequence).padStart(5, "0")}`;
    await tx.query(
      `INSERT INTO portal_intakes (tenant_id, token, client_id, case_id, case_number, sequence, year, created_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        tenantId,
        token,
        clientId,
        caseId,
        caseNumber,
        sequence,
        year,
        services.now().toString(),
        user.userId,
      ],
    );
    return { case_number: caseNumber, client_id: clientId };
  });
  if (allocated.client_id !== clientId)
    return {
      ok: false,
      issues: [{ path: "submission", message: "expected a new submission token" }],
    };
  const caseNumber = allocated.case_number;

  // The files, content-addressed (writing one twice writes the same bytes).
  const kept: { invoice: number; fileName: string; hash: string; size: number }[] = [];
  for (const file of files) {
    const hash = sha256(file.bytes);
    const path = uploadPath(services, tenantId, hash);
    await mkdir(join(path, ".."), { recursive: true });
    const temporary = `${path}.${process.pid}.${Date.now()}.part`;
    await writeFile(temporary, file.bytes);
    await rename(temporary, path);
    kept.push({
      invoice: file.invoice,
      fileName: file.fileName.slice(0, 200),
      hash,
      size: file.bytes.byteLength,
    });
  }

  const { rulePack, owner, lawyer } = await rulePackOf(
    services,
    clientScope,
    intake.debtor.consumer,
  );
  const at = today.toString();
  const recordedAt = services.now().toString();
  const by = `portal:${user.userId}`;
  const contacts = [
    ...(intake.debtor.email === undefined
      ? []
      : [
          {
            id: "K1",
            kind: "email" as const,
            value: intake.debtor.email,
            source: "client",
            date: at,
          },
        ]),
    ...(intake.debtor.address === undefined
      ? []
      : [
          {
            id: "K2",
            kind: "address" as const,
            value: intake.debtor.address,
            source: "client",
            date: at,
          },
        ]),
  ];
  const events: CaseEventJson[] = [
    {
      id: "e1",
      type: "case.opened",
      at,
      recordedAt,
      by,
      caseNumber,
      client: {
        id: clientId,
        name: client.name,
        ...(intake.clientReference === undefined ? {} : { reference: intake.clientReference }),
      },
      debtors: [
        {
          id: `${caseId}-D1`,
          kind: intake.debtor.kind,
          name: intake.debtor.name,
          language: intake.debtor.language,
          consumer: intake.debtor.consumer,
          ...(intake.debtor.enterpriseNumber === undefined
            ? {}
            : { enterpriseNumber: intake.debtor.enterpriseNumber }),
          contacts,
        },
      ],
      owner,
      lawyer,
      rulePack,
    },
    ...intake.invoices.map(
      (invoice, index): CaseEventJson => ({
        id: `e${index + 2}`,
        type: "claim.added",
        at,
        recordedAt,
        by,
        claim: {
          id: `F${index + 1}`,
          invoiceNumber: invoice.invoiceNumber,
          invoiceDate: invoice.invoiceDate,
          dueDate: invoice.dueDate,
          amount: invoice.amount,
        },
      }),
    ),
    {
      id: `e${intake.invoices.length + 2}`,
      type: "note.added",
      at,
      recordedAt,
      by,
      text: [
        `Handed in through the client portal by ${user.name} <${user.email}>.`,
        ...kept.map(
          (file) =>
            `Invoice ${intake.invoices[file.invoice]?.invoiceNumber ?? "?"}: ${file.fileName} (${file.size} bytes, SHA-256 ${file.hash})`,
        ),
        ...(intake.remark === undefined ? [] : [`Remark: ${intake.remark}`]),
      ].join("\n"),
    },
  ];
  // A form sent twice: the case of its token is there already.
  let replayed = (await services.store.getCase(firmScope, caseId)) !== null;
  if (!replayed) {
    try {
      await services.store.append(firmScope, {
        caseId,
        expectedVersion: 0,
        events,
        idempotencyKey: `portal-intake:${token}`,
        asOf: at,
      });
    } catch (error) {
      const raced =
        error instanceof IncassoError &&
        (error.code === "VERSION_CONFLICT" || error.code === "IDEMPOTENCY_KEY_REUSED") &&
        (await services.store.getCase(firmScope, caseId)) !== null;
      if (raced) replayed = true;
      else if (error instanceof IncassoError && error.issues.length > 0)
        return {
          ok: false,
          issues: error.issues.map((issue) => ({ path: issue.path, message: issue.message })),
        };
      else throw error;
    }
  }
  await inPortalTenant(services, tenantId, async (tx) => {
    for (const file of kept)
      await tx.query(
        `INSERT INTO portal_documents (tenant_id, case_id, client_id, sha256, claim_id, file_name, size, uploaded_at, uploaded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
        [
          tenantId,
          caseId,
          clientId,
          file.hash,
          `F${file.invoice + 1}`,
          file.fileName,
          file.size,
          recordedAt,
          user.userId,
        ],
      );
  });
  return { ok: true, caseId, caseNumber, replayed };
}

/** An invoice file kept with a case. */
export interface PortalDocument {
  readonly sha256: string;
  readonly claimId: string;
  readonly fileName: string;
  readonly size: number;
  readonly uploadedAt: string;
}

/**
 * The invoice files kept with a case of a client (the caller has checked the case is in scope).
 *
 * @example
 * ```ts
 * const documents = await portalDocuments(services, "firm-be", "acme", "W-1");
 * ```
 */
export async function portalDocuments(
  services: ServerServices,
  tenantId: string,
  clientId: string,
  caseId: string,
): Promise<PortalDocument[]> {
  const { rows } = await inPortalTenant(services, tenantId, (tx) =>
    tx.query<{
      sha256: string;
      claim_id: string;
      file_name: string;
      size: number;
      uploaded_at: unknown;
    }>(
      `SELECT sha256, claim_id, file_name, size, uploaded_at FROM portal_documents
       WHERE tenant_id = $1 AND client_id = $2 AND case_id = $3 ORDER BY claim_id, file_name`,
      [tenantId, clientId, caseId],
    ),
  );
  return rows.map((row) => ({
    sha256: row.sha256,
    claimId: row.claim_id,
    fileName: row.file_name,
    size: Number(row.size),
    uploadedAt:
      row.uploaded_at instanceof Date ? row.uploaded_at.toISOString() : String(row.uploaded_at),
  }));
}
