'use strict';
/**
 * An n8n external hook file (EXTERNAL_HOOK_FILES) for the real-n8n benchmark: when the workflow starts and ends it
 * writes, to the file named by ES_BENCH_N8N_TIMING, what n8n itself records about the run — its start and stop time
 * and each node's `executionTime` from the run data — plus the wall clock and the process's memory at those points.
 * The benchmark still times the whole `n8n execute` process; this only splits that time (start-up, each node,
 * n8n's bookkeeping, shut-down).
 */
const fs = require('node:fs');

const timing = { preExecuteAt: 0 };

function write() {
	if (process.env.ES_BENCH_N8N_TIMING)
		fs.writeFileSync(process.env.ES_BENCH_N8N_TIMING, JSON.stringify(timing));
}

module.exports = {
	workflow: {
		preExecute: [
			async function () {
				timing.preExecuteAt = Date.now();
				timing.rssAtStartBytes = process.memoryUsage().rss;
				write();
			},
		],
		postExecute: [
			async function (fullRunData) {
				timing.postExecuteAt = Date.now();
				timing.startedAt = new Date(fullRunData.startedAt).getTime();
				timing.stoppedAt = new Date(fullRunData.stoppedAt).getTime();
				timing.status = fullRunData.status;
				const runData = fullRunData.data?.resultData?.runData ?? {};
				timing.nodes = Object.entries(runData).map(([name, tasks]) => ({
					name,
					ms: tasks.reduce((sum, task) => sum + (task.executionTime ?? 0), 0),
					items: tasks.reduce(
						(sum, task) =>
							sum + (task.data?.main ?? []).reduce((n, output) => n + (output?.length ?? 0), 0),
						0,
					),
				}));
				timing.rssAtEndBytes = process.memoryUsage().rss;
				write();
			},
		],
	},
};
