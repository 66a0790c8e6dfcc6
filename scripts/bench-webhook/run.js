// Entry point of `npm run bench:webhook`: runs the compiled bench (see bench.ts; tsc writes it to .tmp/bench-webhook).
require('../../.tmp/bench-webhook/scripts/bench-webhook/bench.js');
