// Runs in a child process against the files a packaged app holds (app.asar extracted, with
// app.asar.unpacked laid over it): creates a case, imports real vendor logs (parse worker,
// bundled geo databases), detects and verifies, each in the app's own job workers, loading nothing but
// the shipped code and node_modules. Prints what happened as JSON.
// Usage: node shipped-app-check.js <extracted app root> <work dir> <log file>
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import type * as CaseStoreModule from '../../../electron/store/case-store.js';
import type * as RunnerModule from '../../../electron/jobs/runner.js';

const [root, work, log] = process.argv.slice(2);
if (root === undefined || work === undefined || log === undefined) throw new Error('usage: shipped-app-check.js <app root> <work dir> <log file>');
const load = async <T>(relative: string): Promise<T> => (await import(pathToFileURL(join(root, relative)).href)) as T;

const { CaseStore } = await load<typeof CaseStoreModule>('dist/electron/store/case-store.js');
const { startJob } = await load<typeof RunnerModule>('dist/electron/jobs/runner.js');
const casePath = join(work, 'shipped.pushtrail');
CaseStore.create(casePath, { name: 'shipped', analyst: 'packaging test' }, 'packaging-test').close();
const imported = await startJob('import', { casePath, actor: 'packaging-test', paths: [log] }).result;
const detected = await startJob('detect', { casePath, actor: 'packaging-test' }).result;
const verified = await startJob('case/verify', { path: casePath }).result;
const store = CaseStore.open(casePath, 'packaging-test', { readOnly: true });
// Places and AS numbers the vendor did not give come from the bundled databases only.
const located = store.db.prepare("SELECT count(*) AS n FROM events WHERE src_geo_source = 'lookup' AND src_asn IS NOT NULL").get() as { n: number };
store.close();
process.stdout.write(JSON.stringify({ imported, detected, verified, located: located.n }));
