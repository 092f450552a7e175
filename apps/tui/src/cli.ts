#!/usr/bin/env node
import { main } from './program';

process.exit(await main({ argv: process.argv.slice(2), env: process.env, cwd: process.cwd() }));
