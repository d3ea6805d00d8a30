/**
 * Every contract method, gathered from its domain. `satisfies` makes a method the contract
 * declares but no domain serves a compile error.
 */
import type { ApiTable } from '../method.js';
import { annotationMethods } from './annotations.js';
import { appMethods } from './app.js';
import { caseMethods } from './case.js';
import { detectionMethods } from './detection.js';
import { evidenceMethods } from './evidence.js';
import { huntMethods } from './hunt.js';
import { identityMethods } from './identities.js';
import { reportMethods } from './report.js';
import { searchMethods } from './search.js';
import { userMethods } from './users.js';

export const API_METHODS = {
  ...appMethods,
  ...caseMethods,
  ...evidenceMethods,
  ...detectionMethods,
  ...userMethods,
  ...identityMethods,
  ...annotationMethods,
  ...searchMethods,
  ...reportMethods,
  ...huntMethods,
} satisfies ApiTable;
