export function copyProject(prefix?: string): string;
