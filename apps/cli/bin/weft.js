#!/usr/bin/env node
// A committed launcher, so the `weft` bin link exists before the first build.
import '../dist/bin.js';
