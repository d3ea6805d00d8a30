/** PushTrail's version, recorded in every custody entry and report. Kept in step with package.json by a test. */
export const TOOL_VERSION = '0.1.0';
