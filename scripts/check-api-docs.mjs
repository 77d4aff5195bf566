// Fails when an export of a public package has no TSDoc summary or no @example, or when a public
// class member has no summary. Reads the JSON that `pnpm run docs:api` writes.
import { readFileSync } from "node:fs";

const KIND = {
  Module: 2,
  Variable: 32,
  Function: 64,
  Class: 128,
  Interface: 256,
  Method: 2048,
  Accessor: 262144,
  TypeAlias: 2097152,
  Enum: 8,
};
const EXPORTS = new Set([
  KIND.Variable,
  KIND.Function,
  KIND.Class,
  KIND.Interface,
  KIND.TypeAlias,
  KIND.Enum,
]);
const file = process.argv[2] ?? "docs/api/api.json";
const project = JSON.parse(readFileSync(file, "utf8"));

const commentOf = (node) =>
  node.comment ??
  node.signatures?.[0]?.comment ??
  node.getSignature?.comment ??
  node.type?.declaration?.signatures?.[0]?.comment;
const hasSummary = (comment) => (comment?.summary ?? []).some((part) => part.text.trim() !== "");
const hasExample = (comment) => (comment?.blockTags ?? []).some((tag) => tag.tag === "@example");

const problems = [];
let checked = 0;
// A package with several entry points (such as `@incasso/core` and `@incasso/core/adapter-kit`)
// has one module per entry point, whose children are the exports.
const entriesOf = (pkg) =>
  (pkg.children ?? []).some((child) => child.kind === KIND.Module)
    ? pkg.children.map((module) => ({
        name: `${pkg.name} (${module.name})`,
        children: module.children,
      }))
    : [pkg];
for (const pkg of (project.children ?? []).flatMap(entriesOf)) {
  for (const node of pkg.children ?? []) {
    if (!EXPORTS.has(node.kind)) continue;
    checked++;
    const comment = commentOf(node);
    if (!hasSummary(comment)) problems.push(`${pkg.name}: ${node.name} has no TSDoc summary`);
    if (!hasExample(comment)) problems.push(`${pkg.name}: ${node.name} has no @example`);
    if (node.kind !== KIND.Class) continue;
    for (const member of node.children ?? []) {
      if (member.inheritedFrom || member.flags?.isPrivate) continue;
      if (
        (member.kind === KIND.Method || member.kind === KIND.Accessor) &&
        !hasSummary(commentOf(member))
      ) {
        problems.push(`${pkg.name}: ${node.name}.${member.name} has no TSDoc summary`);
      }
    }
  }
}
for (const problem of problems) console.log(`FAIL ${problem}`);
console.log(`api docs: ${checked} exports checked, ${problems.length} problems`);
process.exitCode = problems.length > 0 || checked === 0 ? 1 : 0;
