// Root Jest configuration: every project's tests in one run, so that `npm test` can report one total.
// Each project keeps its own jest.config.cjs (used by `nx test <project>` as well).
const fs = require('node:fs');
const path = require('node:path');

const projects = ['libs', 'apps']
  .flatMap((dir) => (fs.existsSync(path.join(__dirname, dir)) ? fs.readdirSync(path.join(__dirname, dir)).map((p) => path.join(dir, p)) : []))
  .concat(['tools', 'bench'])
  .filter((dir) => fs.existsSync(path.join(__dirname, dir, 'jest.config.cjs')))
  .map((dir) => `<rootDir>/${dir}/jest.config.cjs`);

// testTimeout: see jest.preset.cjs (set here too, for the global configuration).
module.exports = { projects, testTimeout: 30_000 };
