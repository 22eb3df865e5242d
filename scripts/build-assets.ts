/**
 * Builds `public/assets/`: the stylesheet, htmx from its npm package and every
 * browser script under `src/browser/` (bundled for the browser floor in
 * `scripts/browser-floor.ts`; htmx lowered to it too), each under a
 * fingerprinted name, precompressed (gzip, brotli) for Node and Deno. Writes the
 * manifest `src/generated/assets.ts` that the layout reads.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { build, transform } from "esbuild";
import { BROWSER_TARGETS } from "./browser-floor.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "public", "assets");
const generated = join(root, "src", "generated");

const sources = new Map<string, Uint8Array>();
sources.set("styles.css", readFileSync(join(root, "views", "styles.css")));
// htmx's own build uses `?.` and `??`; lowered here to the browser floor.
const htmx = await transform(
  readFileSync(join(root, "node_modules", "htmx.org", "dist", "htmx.min.js"), "utf8"),
  { target: BROWSER_TARGETS, minify: true, legalComments: "none", charset: "utf8" },
);
sources.set("htmx.js", new TextEncoder().encode(htmx.code));

const browserDir = join(root, "src", "browser");
const entries = (existsSync(browserDir) ? readdirSync(browserDir) : []).filter(
  (f) => f.endsWith(".ts") && !f.endsWith(".d.ts"),
);
for (const entry of entries) {
  const result = await build({
    entryPoints: [join(browserDir, entry)],
    bundle: true,
    minify: true,
    format: "iife",
    target: BROWSER_TARGETS,
    write: false,
    legalComments: "none",
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error(`esbuild produced nothing for ${entry}`);
  sources.set(`${basename(entry, ".ts")}.js`, file.contents);
}

mkdirSync(out, { recursive: true });
mkdirSync(generated, { recursive: true });

const manifest: Record<string, string> = {};
for (const [name, content] of sources) {
  const hash = createHash("sha256").update(content).digest("hex").slice(0, 10);
  const ext = extname(name);
  const file = `${basename(name, ext)}.${hash}${ext}`;
  manifest[name] = `/assets/${file}`;
  // Unchanged files are left alone, so watchers (wrangler dev) see no change.
  if (existsSync(join(out, file))) continue;
  writeFileSync(join(out, file), content);
  writeFileSync(join(out, `${file}.gz`), gzipSync(content, { level: 9 }));
  writeFileSync(
    join(out, `${file}.br`),
    brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
  );
}

const current = new Set(Object.values(manifest).map((path) => basename(path)));
for (const file of readdirSync(out)) {
  if (!current.has(file.replace(/\.(gz|br)$/, ""))) rmSync(join(out, file));
}

const manifestFile = join(generated, "assets.ts");
const manifestSource = `// Written by scripts/build-assets.ts; do not edit.\nexport const assets = ${JSON.stringify(manifest, null, 2)} as const;\n`;
if (!existsSync(manifestFile) || readFileSync(manifestFile, "utf8") !== manifestSource) {
  writeFileSync(manifestFile, manifestSource);
}
console.log(`assets: ${Object.keys(manifest).length} files in public/assets`);
