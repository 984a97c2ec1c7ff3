export { stageActor, type StageOptions, type StagedActor } from './stage-actor.js';
export { environmentVariableProblems, REQUIRED_VARIABLES } from './environment-variables.js';
export { storeListingProblems, README_SECTIONS, SCHEMA_URLS } from './store-listing.js';
