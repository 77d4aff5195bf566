// The document port is the core's (src/ports/document-renderer.ts); the adapters import it from
// here and the package re-exports it for hosts that import it from the adapter.
export type {
  DocumentFormat,
  DocumentRenderer,
  DocumentTemplate,
  RenderedDocument,
} from "@incasso/core";
