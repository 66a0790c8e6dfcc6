'use strict';
// The pure scoring library, built from lib/ (run `npm run build` first).
module.exports = require('./dist/lib/index.js');
