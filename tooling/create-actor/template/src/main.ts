import { runActor } from './actor.js';

await runActor();
