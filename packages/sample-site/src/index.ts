export { startSampleSite, type SampleSite } from './sample-site.js';
export { sitePages, type SitePage } from './site-pages.js';
