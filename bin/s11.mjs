#!/usr/bin/env node
// The `s11` operator command (package bin): runs scripts/s11.ts through tsx's loader. See `s11 --help`.
import { register } from 'tsx/esm/api';

register();
await import('../scripts/s11.ts');
