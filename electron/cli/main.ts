#!/usr/bin/env node
/** The `pushtrail` command: dispatches to one module per subcommand. */
import { PushTrailError, toApiError } from '../../shared/api/errors.js';
import { TOOL_VERSION } from '../../shared/version.js';
import { IMPORT_HELP, IMPORT_USAGE, runImport } from './commands/import.js';
import { DEMO_USAGE, runDemo } from './commands/demo.js';
import { DETECT_USAGE, runDetect } from './commands/detect.js';
import { USERS_USAGE, runUsers } from './commands/users.js';
import { IDENTITIES_USAGE, runIdentities } from './commands/identities.js';
import { INFO_USAGE, runInfo } from './commands/info.js';
import { SERVE_USAGE, runServe } from './commands/serve.js';
import { REPORT_HELP, REPORT_USAGE, runReport } from './commands/report.js';
import { EXPORT_HELP, EXPORT_USAGE, runExport } from './commands/export.js';
import { HUNT_HELP, HUNT_USAGE, runHunt } from './commands/hunt.js';
import { VERIFY_HELP, VERIFY_USAGE, runVerify } from './commands/verify.js';
import { printError } from './output.js';
import { createLogger } from '../log/logger.js';

const HELP = `PushTrail ${TOOL_VERSION}: investigate MFA request generation (MITRE ATT&CK T1621)

Usage:
  ${SERVE_USAGE}
      Serve the PushTrail UI for <case> on http://127.0.0.1 (creates the case if missing).
      Prints the URL, with its per-run access token, as the first line of output.
  ${INFO_USAGE}
      Show a case's metadata, contents and chain-of-custody log.
  ${IMPORT_USAGE}
${IMPORT_HELP}
  ${DETECT_USAGE}
      Run the detection engine (in a worker) over the case and print its findings.
      --set rule.param=value, --enable/--disable rule and --defaults change the settings
      stored in the case first; the same case and settings always give the same findings.
  ${USERS_USAGE}
      Users ranked by risk with their verdict (compromised, attacked, suspicious, clear),
      as the last detection run assessed them. A user is a person: every identity linked to it.
  ${IDENTITIES_USAGE}
      Persons and their identities (Duo's bare name, the Okta/Entra UPN, vendor ids), every link
      with its reason, and the ambiguous ones proposed but not applied. --accept/--reject/--link/
      --unlink change one pair, --domain sets the case's domains; each change is recorded in the
      custody log and detection runs again per person.
  ${REPORT_USAGE}
${REPORT_HELP}
  ${HUNT_USAGE}
${HUNT_HELP}
  ${EXPORT_USAGE}
${EXPORT_HELP}
  ${VERIFY_USAGE}
${VERIFY_HELP}
  ${DEMO_USAGE}
      Build the recorded demo incident (Okta, Entra and Duo logs of a push-bombing campaign),
      import it into DIR/demo-incident.pushtrail (default DIR: ./pushtrail-demo), run detection
      and write the case report to DIR/demo-report.pdf (--no-report skips it).
  pushtrail --help | --version

Errors go to stderr with a non-zero exit code; --json prints machine-readable output.
`;

/** A command returns its exit status when it is not 0 without being an error (verify finding differences). */
const COMMANDS: Record<string, (argv: string[]) => void | number | Promise<void | number>> = {
  demo: runDemo,
  detect: runDetect,
  import: runImport,
  users: runUsers,
  identities: runIdentities,
  info: runInfo,
  serve: runServe,
  report: runReport,
  hunt: runHunt,
  export: runExport,
  verify: runVerify,
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${TOOL_VERSION}\n`);
    return 0;
  }
  const run = COMMANDS[command];
  const json = rest.includes('--json');
  try {
    if (run === undefined) throw new PushTrailError('bad_input', `unknown command "${command}"; see pushtrail --help`);
    return (await run(rest)) ?? 0;
  } catch (err) {
    const error = toApiError(err);
    if (error.kind === 'internal') createLogger('cli').error('command failed', { command }, err);
    printError(error, json);
    return error.kind === 'internal' ? 70 : 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
