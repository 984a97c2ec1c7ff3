// `apify push` sends actor.json's `environmentVariables` as the version's whole variable list
// (apify-cli src/commands/actors/push.ts: any present object, even `{}`, becomes `envVars` on the
// version update), so the Console's variables are replaced by exactly what the file lists. A file
// may therefore carry the key only when it lists every variable the actors need, with secrets as
// `@name` references to the CLI's local secret store (`apify secrets add <name> <value>`).

/** The variables every actor of this suite needs on the platform (auth-gate's credentials). */
export const REQUIRED_VARIABLES = ['SCALEKIT_ENV_URL', 'SCALEKIT_CLIENT_ID', 'SCALEKIT_CLIENT_SECRET'] as const;

/** A value that must never sit in a file in clear text. */
const SECRET_NAME = /SECRET|TOKEN|PASSWORD|API_KEY|PRIVATE/i;
/** The apify-cli's reference syntax: `@` followed by at least one character. */
const SECRET_REFERENCE = /^@.+/;

/**
 * What is wrong with an actor.json's `environmentVariables` (empty when nothing is). `where`
 * names the file in the messages.
 */
export function environmentVariableProblems(actorJson: unknown, where: string): string[] {
  if (typeof actorJson !== 'object' || actorJson === null || !('environmentVariables' in actorJson)) return [];
  const variables = actorJson.environmentVariables;
  const fix =
    'Remove the "environmentVariables" key and set the variables in the Apify Console (Source > Environment variables), ' +
    'or list every one of them with secrets as "@name" references (`apify secrets add name value`).';
  if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) {
    return [`${where}: "environmentVariables" must be an object of strings. ${fix}`];
  }
  const entries = Object.entries(variables as Record<string, unknown>);
  const problems: string[] = [];
  const missing = REQUIRED_VARIABLES.filter((name) => !entries.some(([key]) => key === name));
  if (missing.length > 0) {
    problems.push(
      `${where}: "environmentVariables" replaces the Actor's variables on \`apify push\`, and it lacks ${missing.join(', ')}, ` +
        `so a push would delete ${missing.length === 1 ? 'it' : 'them'} from the Console. ${fix}`,
    );
  }
  for (const [name, value] of entries) {
    if (typeof value !== 'string') problems.push(`${where}: the value of ${name} must be a string.`);
    else if (SECRET_NAME.test(name) && !SECRET_REFERENCE.test(value)) {
      problems.push(
        `${where}: ${name} is a secret and must be an "@name" reference (\`apify secrets add name <value>\`), not a value in the file.`,
      );
    }
  }
  return problems;
}
