// Queue names as the Storage extension accepts them: lower-cased for the user, then checked against
// the service's rules; failed messages go to `<name>-poison` when that is itself a valid name.

/** Lower-cases and validates; throws an Error with the extension's message when invalid. */
export function normalizeQueueName(name: string): string {
  const lower = name.toLowerCase();
  const problem = queueNameProblem(lower);
  if (problem) throw new Error(problem);
  return lower;
}

/** undefined for a queue that is already a poison queue or whose poison name would be too long. */
export function poisonQueueName(queueName: string): string | undefined {
  if (queueName.endsWith('-poison')) return undefined;
  const poison = `${queueName}-poison`;
  return queueNameProblem(poison) ? undefined : poison;
}

function queueNameProblem(name: string): string | undefined {
  if (name === '') return "A queue name can't be null or empty";
  if (name.length < 3 || name.length > 63) {
    return `A queue name must be from 3 to 63 characters long - "${name}"`;
  }
  if (name.startsWith('-') || name.endsWith('-')) {
    return `The dash (-) character may not be the first or last letter - "${name}"`;
  }
  if (!/^[a-z0-9-]+$/.test(name)) {
    return `A queue name can contain only letters, numbers, and dash(-) characters - "${name}"`;
  }
  if (name.includes('--')) return 'A queue name cannot contain consecutive dash(-) characters.';
  return undefined;
}
