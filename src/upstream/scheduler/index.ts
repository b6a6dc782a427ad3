/** Upstream discipline: one scheduler, one read cache, one rate budget seam (issue #6). */
export { ScheduledUpstream, type ScheduledRequest } from './scheduled-upstream';
export { UpstreamScheduler, type SchedulerOptions } from './scheduler';
export { MemoryRateBudget, type RateBudget } from './rate-budget';
export { bucketKey, limitFor, type RateLimitMode, type WindowLimit } from './rate-limits';
export { realTime, type SchedulerTime } from './timers';
