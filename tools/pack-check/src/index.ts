/**
 * @packageDocumentation
 * The pack check of issue 9: every package packed, installed as a tarball in a fresh project
 * outside the workspace, imported from ESM and CommonJS and type-checked there; publint and attw
 * on the tarballs; the manifests' publishing fields and dependencies; and the documentation's
 * code blocks extracted for the doc-examples test.
 */
export {
  runPackCheck,
  formatReport,
  type PackCheckOptions,
  type PackCheckReport,
  type PackageReport,
  type CheckOutcome,
} from './pack-check.js';
export {
  findPackages,
  skipReason,
  entryPoints,
  jsonExports,
  workspaceClosure,
  type WorkspacePackage,
  type Manifest,
  type EntryPoint,
} from './workspace.js';
export {
  dependencyProblems,
  manifestProblems,
  internalRangeProblems,
  readmeLinkProblems,
  importedPackages,
  packageOf,
  isDevOnly,
} from './hygiene.js';
export { tail } from './exec.js';
export { jcacoSmoke, type SmokeCommand } from './smoke.js';
export { NODE_VERSIONS, fetchNode, jcacoNodeSmoke, type NodeBinary } from './node-versions.js';
