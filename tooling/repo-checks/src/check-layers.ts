// `node dist/check-layers.js [repository root]`, run by this package's `lint` script.
import { resolve } from 'node:path';
import { describeViolation } from './layers.js';
import { repositoryLayerViolations } from './repository-layers.js';
import { REPO_ROOT } from './workspace.js';

const violations = repositoryLayerViolations(process.argv[2] ? resolve(process.argv[2]) : REPO_ROOT);
for (const v of violations) console.error(describeViolation(v));
if (violations.length > 0) process.exitCode = 1;
else console.log('layers: no package under packages/ depends on actors/ or tooling/');
