// Records dist/build-id.json: a hash of the built code and the schema. The results cache is keyed by it,
// so any change to the code invalidates cached results even when the version stays the same.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = path.join(root, 'dist');
const hash = createHash('sha256');
const files = readdirSync(dist, { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.(js|cjs)$/.test(f) && !/^dpg[.-]/.test(f))
  .sort();
for (const file of files)
  hash
    .update(file)
    .update('\0')
    .update(readFileSync(path.join(dist, file)))
    .update('\0');
hash.update(readFileSync(path.join(root, 'schemas', 'nomination.schema.json')));
writeFileSync(path.join(dist, 'build-id.json'), JSON.stringify({ id: hash.digest('hex') }) + '\n');
