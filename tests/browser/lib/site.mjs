// Building a sastra site into a temporary folder and serving it, the way
// GitHub Pages serves a project site: under a subpath (/sastra/), with the
// site's own 404.html (and status 404) for anything missing.

import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import http from "node:http";
import { extname, join, normalize, resolve, sep } from "node:path";
import { gzipSync } from "node:zlib";

export const SUBPATH = "/sastra/";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".woff2": "font/woff2",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".pdf": "application/pdf",
};

/**
 * Starts a static server for `root` (the folder holding sastra/) on a free
 * port. With `gzip`, text is sent compressed when the browser asks, as real
 * hosts do (what a phone's slow link carries); `delay(path)` holds a
 * response back that many milliseconds; `log` hears every requested URL.
 */
export async function serve(root, { gzip = false, delay = () => 0, log } = {}) {
  const server = http.createServer((req, res) => {
    log?.(req.url);
    const send = (status, file) => {
      const wait = delay(file);
      if (wait > 0) return setTimeout(() => sendNow(status, file), wait);
      sendNow(status, file);
    };
    const sendNow = (status, file) => {
      const type = TYPES[extname(file)] || "application/octet-stream";
      let body = readFileSync(file);
      const headers = { "content-type": type };
      if (gzip && /text|json|xml|svg/.test(type) && /gzip/.test(req.headers["accept-encoding"] || "")) {
        body = gzipSync(body, { level: 6 });
        headers["content-encoding"] = "gzip";
      }
      res.writeHead(status, headers);
      res.end(req.method === "HEAD" ? undefined : body);
    };
    const notFound = () => {
      const page = join(root, SUBPATH, "404.html");
      if (existsSync(page)) return send(404, page);
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
    };
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      return notFound();
    }
    if (!path.startsWith(SUBPATH)) return notFound();
    let file = normalize(join(root, path));
    if (!file.startsWith(resolve(root) + sep)) return notFound();
    if (existsSync(file) && statSync(file).isDirectory()) {
      // Like GitHub Pages: /sastra/en → /sastra/en/.
      if (!path.endsWith("/")) {
        res.writeHead(301, { location: `${path}/` });
        return res.end();
      }
      file = join(file, "index.html");
    }
    if (!existsSync(file) || !statSync(file).isFile()) return notFound();
    send(200, file);
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address();
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    url: (path = "") => `http://127.0.0.1:${port}${SUBPATH}${path.replace(/^\//, "")}`,
    close: () => new Promise((done) => server.close(done)),
  };
}

/**
 * The sastra executable: $SASTRA_BIN, or the repository's debug build
 * (`cargo build`, which `cargo test` has already compiled, so the suite
 * adds no second compilation; both sites are built by the same binary).
 */
export function sastraBinary(repo) {
  if (process.env.SASTRA_BIN) return process.env.SASTRA_BIN;
  const run = spawnSync("cargo", ["build", "--quiet", "--bin", "sastra", "--message-format=json-render-diagnostics"], {
    cwd: repo,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 << 20,
  });
  if (run.status !== 0) throw new Error(`cargo build failed (${run.status ?? run.error})`);
  const artifact = run.stdout
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line))
    .find((m) => m.reason === "compiler-artifact" && m.target?.name === "sastra" && m.executable);
  if (!artifact) throw new Error("cargo build named no sastra executable");
  return artifact.executable;
}

/** Builds the archive at `root` into `output` for `baseUrl`; throws with sastra's output on failure. */
export function build({ bin, root, output, baseUrl }) {
  const run = spawnSync(bin, ["--root", root, "build", "--output", output, "--base-url", baseUrl], { encoding: "utf8" });
  if (run.status !== 0) {
    throw new Error(`sastra build of ${root} failed (${run.status ?? run.error}):\n${run.stdout}${run.stderr}`);
  }
  return (run.stdout + run.stderr).trim();
}

/**
 * A small archive holding hostile documents: tests/fixtures/basic with the
 * repository's themes, plus the named files of tests/fixtures/hostile in
 * content/hostile/.
 */
export function hostileArchive(repo, dir, files) {
  cpSync(join(repo, "tests/fixtures/basic"), dir, { recursive: true });
  cpSync(join(repo, "themes"), join(dir, "themes"), { recursive: true });
  mkdirSync(join(dir, "content/hostile"), { recursive: true });
  for (const f of files) cpSync(join(repo, "tests/fixtures/hostile", f), join(dir, "content/hostile", f));
  return dir;
}
