import { Actor } from 'apify';
import { runActor } from './actor.js';
import { runStandby } from './standby/run-standby.js';

// Apify starts a Standby run with APIFY_META_ORIGIN=STANDBY: an HTTP API for API-key callers.
// Every other start (Console, API, schedules, `apify run`) is one run for the user who started it.
await (Actor.config.get('metaOrigin') === 'STANDBY' ? runStandby() : runActor());
