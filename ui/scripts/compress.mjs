// Writes a gzip twin (name.gz) beside each text file of the build, for the server to send to
// browsers that accept gzip. Usage: node scripts/compress.mjs <build directory>
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync, constants } from "node:zlib";

const TEXT = /\.(js|css|html|svg|json|txt)$/;

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node scripts/compress.mjs <build directory>");
  process.exit(2);
}
let raw = 0;
let packed = 0;
for (const path of walk(dir).filter((p) => TEXT.test(p))) {
  const data = readFileSync(path);
  const gz = gzipSync(data, { level: constants.Z_BEST_COMPRESSION });
  writeFileSync(`${path}.gz`, gz);
  raw += data.length;
  packed += gz.length;
}
console.log(`gzip twins written: ${(raw / 1024).toFixed(1)} KiB -> ${(packed / 1024).toFixed(1)} KiB`);
