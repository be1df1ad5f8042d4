// Renders a JSON Resume (read from stdin) with an installed theme package: node render.js PACKAGE_DIR.
// It calls the theme's exported render(resume), as resumed and resume-cli do, and prints the HTML on stdout.
// Any failure prints one line on stderr and exits 3, so the caller can report it without a stack trace.
'use strict';
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');

function importTarget(dir, pkg) {
  const root = pkg.exports && (typeof pkg.exports === 'string' ? pkg.exports : pkg.exports['.'] || pkg.exports);
  const condition = root && typeof root === 'object' ? root.import || root.default : root;
  const file = (condition && typeof condition === 'object' ? condition.default : condition) || pkg.module || pkg.main;
  return pathToFileURL(path.join(dir, file || 'index.js')).href;
}

function loadTheme(dir) {
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  return import(importTarget(dir, pkg));
}

async function main() {
  const dir = path.resolve(process.argv[2]);
  const resume = JSON.parse(fs.readFileSync(0, 'utf8'));
  const theme = await loadTheme(dir);
  const render = theme.render || (theme.default && theme.default.render);
  if (typeof render !== 'function') throw new Error('the package exports no render(resume) function');
  const html = await render(resume);
  process.stdout.write(String(html));
}

main().catch((err) => {
  const text = err && err.message ? `${err.name || 'Error'}: ${err.message}` : String(err);
  const message = text.split('\n')[0];
  process.stderr.write(`${message}\n`);
  process.exit(3);
});
