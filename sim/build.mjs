// Builds sim/stripe.js from the ES modules in sim/src/ (entry src/main.js): esbuild bundles them
// into one classic script, an IIFE, not minified, so it defines window.Stripe synchronously like
// real Stripe.js and stays readable in devtools. The output is deterministic (same sources and
// esbuild version, same bytes) and committed: the server compiles it in with include_str!.
//
//   node sim/build.mjs           write sim/stripe.js
//   node sim/build.mjs --check   build in memory; exit 1 if sim/stripe.js differs (hand edit or
//                                forgotten rebuild). `make lint` runs this.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const esbuild = await import('esbuild').catch(() => {
  console.error('sim/build.mjs needs esbuild (a devDependency of the repository): run `npm ci` or `make setup` first.');
  process.exit(2);
});
const OUT = `${here}stripe.js`;
const ENTRY = 'src/main.js';

/** The bundle as a string: a generated-file notice, main.js's header comment, then the IIFE. */
async function build() {
  // esbuild drops statement-level comments, so the entry module's header is carried over here.
  const main = await readFile(`${here}${ENTRY}`, 'utf8');
  const header = /^\/\*[\s\S]*?\*\//.exec(main)?.[0];
  if (!header) throw new Error(`sim/${ENTRY} should start with a /* ... */ header comment`);
  const notice = [
    '// GENERATED FILE: do not edit. Built from the ES modules in sim/src/ (entry sim/src/main.js) by',
    '// `node sim/build.mjs` (`make sim`); edit those and rebuild. `node sim/build.mjs --check` (part of',
    '// `make lint`) fails when this file differs from a fresh build.',
  ].join('\n');
  const banner = `${notice}\n${header}`;
  const result = await esbuild.build({
    absWorkingDir: here,
    entryPoints: [ENTRY],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'esnext', // no syntax lowering: the output is the modules' own code
    charset: 'utf8',
    minify: false,
    sourcemap: false,
    legalComments: 'none',
    banner: { js: banner },
    write: false,
    logLevel: 'warning',
  });
  // ES modules are strict code, but esbuild's IIFE carries no directive: put 'use strict' first
  // inside the IIFE (as the hand-written file had it), not atop the file, so that code a page
  // appends to this script (e2e/support.mjs does) stays in the mode it was written for.
  const text = result.outputFiles[0].text;
  const opening = `${banner}\n(() => {\n`;
  if (!text.startsWith(opening)) throw new Error('unexpected esbuild output: the IIFE should follow the banner');
  return `${opening}  'use strict';\n${text.slice(opening.length)}`;
}

const check = process.argv.includes('--check');
const unknown = process.argv.slice(2).filter((a) => a !== '--check');
if (unknown.length) {
  console.error(`usage: node sim/build.mjs [--check]   (unknown argument: ${unknown.join(' ')})`);
  process.exit(2);
}

const built = await build();
if (check) {
  const current = await readFile(OUT, 'utf8').catch(() => null);
  if (current === built) {
    console.log('sim/stripe.js is up to date with sim/src/.');
  } else {
    const a = (current ?? '').split('\n');
    const b = built.split('\n');
    let line = 0;
    while (line < a.length && line < b.length && a[line] === b[line]) line++;
    console.error(current === null
      ? 'sim/stripe.js is missing.'
      : `sim/stripe.js differs from a build of sim/src/ (first at line ${line + 1}): it was edited by hand or not rebuilt.`);
    console.error('Edit the modules in sim/src/, then run `node sim/build.mjs` (or `make sim`) and commit sim/stripe.js.');
    process.exit(1);
  }
} else {
  await writeFile(OUT, built);
  console.log(`sim/stripe.js written (${built.split('\n').length - 1} lines, from sim/src/).`);
}
