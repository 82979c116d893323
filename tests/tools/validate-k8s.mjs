// Validates Kubernetes manifests against the Kubernetes OpenAPI schemas (the kubernetes-models packages).
//   node validate-k8s.mjs <dir>   every *.yaml in <dir> except kustomization.yaml; every document must be a known
//                                 apiVersion/kind and validate. Prints one JSON line per document, then exits 1 on any failure.
// kustomization.yaml is checked for its own shape: every listed resource exists.
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";

const dir = process.argv[2];
if (!dir) { console.error("usage: node validate-k8s.mjs <dir>"); process.exit(2); }
let failed = 0;
const report = (o) => { console.log(JSON.stringify(o)); if (!o.ok) failed++; };

for (const file of readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort()) {
  const text = readFileSync(join(dir, file), "utf8");
  const docs = parseAllDocuments(text);
  for (const [index, doc] of docs.entries()) {
    if (doc.errors.length) { report({ file, index, ok: false, error: doc.errors.map(String).join("; ") }); continue; }
    const data = doc.toJS();
    if (data == null) continue;
    if (file === "kustomization.yaml") {
      const missing = (data.resources ?? []).filter((r) => !existsSync(join(dir, r)));
      report({ file, index, kind: data.kind, ok: data.kind === "Kustomization" && missing.length === 0, error: missing.length ? `missing resources: ${missing}` : undefined });
      continue;
    }
    const { apiVersion, kind } = data;
    const modulePath = !apiVersion ? null : apiVersion.includes("/") ? `kubernetes-models/${apiVersion}` : `kubernetes-models/${apiVersion}`;
    let Model;
    try {
      Model = modulePath && (await import(`${modulePath}/${kind}`))[kind];
    } catch (e) {
      Model = undefined;
    }
    if (!Model) { report({ file, index, apiVersion, kind, ok: false, error: "unknown apiVersion/kind" }); continue; }
    try {
      new Model(data).validate();
      report({ file, index, apiVersion, kind, name: data.metadata?.name, ok: true });
    } catch (e) {
      report({ file, index, apiVersion, kind, name: data.metadata?.name, ok: false, error: e.message });
    }
  }
}
process.exit(failed ? 1 : 0);
