export { stageActor, type StageOptions, type StagedActor } from './stage-actor.js';
